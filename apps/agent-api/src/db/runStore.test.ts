import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { createLogger } from "../log.ts";
import { migrate } from "./migrate.ts";
import {
  failInstanceRuns,
  finishRun,
  insertRunEvent,
  listRunEvents,
  RunEndedError,
  startRun,
} from "./runStore.ts";
import { type Database, startDatabase } from "./startDatabase.ts";

// The store keeps a run's story closed: once its terminal event is stored nothing follows it,
// and the runs an instance left running are ended by that instance alone.
let db: Database;
const observer = { log: createLogger("error"), onQuery: () => undefined };

before(async () => {
  db = await startDatabase(
    undefined,
    { max: undefined, connectTimeoutMs: 5000, queryTimeoutMs: 10_000 },
    observer,
  );
  await migrate(db.pool);
});
after(async () => {
  await db.close();
});

async function runningRun(instanceId: string) {
  const ownerId = randomUUID();
  const conversationId = randomUUID();
  await db.pool.query("INSERT INTO users (id, email, display_name) VALUES ($1, $2, 'Run store')", [
    ownerId,
    `${ownerId}@assay.test`,
  ]);
  await db.pool.query("INSERT INTO conversations (id, owner_id, title) VALUES ($1, $2, 'runs')", [
    conversationId,
    ownerId,
  ]);
  const ids = { ownerId, conversationId, runId: randomUUID(), messageId: randomUUID() };
  assert.ok(await startRun(db.pool, { ...ids, content: "hi", instanceId }));
  const event = (seq: number, type: string) => ({ type, run_id: ids.runId, seq });
  return { ...ids, event };
}

// Fails when a second terminal event, or any event after the first, can be stored.
test("nothing is stored after a run's terminal event: a second finish and a late event are refused", async () => {
  const run = await runningRun("store-a");
  await insertRunEvent(db.pool, run.ownerId, run.runId, run.event(1, "agent_started"));
  await finishRun(db.pool, { ...run, status: "failed", event: run.event(2, "agent_error") });
  await assert.rejects(
    finishRun(db.pool, { ...run, status: "completed", event: run.event(3, "agent_completed") }),
    RunEndedError,
  );
  await assert.rejects(
    insertRunEvent(db.pool, run.ownerId, run.runId, run.event(3, "tool_executing")),
    RunEndedError,
  );
  const stored = (await listRunEvents(db.pool, run.ownerId, run.runId)) as Array<{ type: string }>;
  assert.deepEqual(
    stored.map((e) => e.type),
    ["agent_started", "agent_error"],
  );
  const status = await db.pool.query("SELECT status FROM runs WHERE id = $1", [run.runId]);
  assert.equal(status.rows[0]?.status, "failed");
});

// Fails when an instance's start leaves its killed process's runs running, numbers their
// agent_error into another event's seq, or ends another instance's runs.
test("failInstanceRuns ends this instance's running runs with agent_error after their last event, and only those", async () => {
  const mine = await runningRun("store-b");
  await insertRunEvent(db.pool, mine.ownerId, mine.runId, mine.event(1, "agent_started"));
  await insertRunEvent(db.pool, mine.ownerId, mine.runId, mine.event(2, "agent_thinking"));
  const done = await runningRun("store-b");
  await finishRun(db.pool, { ...done, status: "completed", event: done.event(1, "agent_completed") });
  const theirs = await runningRun("store-c");
  const ended = await failInstanceRuns(db.pool, "store-b", "The service restarted.");
  assert.deepEqual(
    ended.map((run) => run.runId),
    [mine.runId],
  );
  const events = (await listRunEvents(db.pool, mine.ownerId, mine.runId)) as Array<Record<string, unknown>>;
  assert.deepEqual(
    events.map((e) => [e.seq, e.type]),
    [
      [1, "agent_started"],
      [2, "agent_thinking"],
      [3, "agent_error"],
    ],
  );
  assert.deepEqual(events[2]?.error, { code: "internal", message: "The service restarted." });
  assert.equal(events[2]?.conversation_id, mine.conversationId);
  const statuses = await db.pool.query<{ id: string; status: string }>(
    "SELECT id, status FROM runs WHERE id = ANY($1)",
    [[mine.runId, done.runId, theirs.runId]],
  );
  const status = Object.fromEntries(statuses.rows.map((row) => [row.id, row.status]));
  assert.deepEqual(status, { [mine.runId]: "failed", [done.runId]: "completed", [theirs.runId]: "running" });
  // The run's own code, still going somewhere, cannot add to it any more.
  await assert.rejects(
    insertRunEvent(db.pool, mine.ownerId, mine.runId, mine.event(3, "tool_executing")),
    RunEndedError,
  );
  assert.deepEqual(await failInstanceRuns(db.pool, "store-b", "again"), []);
});

// Fails when a run cut between tool_executing and tool_completed is ended with its tool call
// left open (a client would wait for that tool for ever, and the run's grammar breaks).
test("failInstanceRuns closes a tool call the run left open before its agent_error", async () => {
  const run = await runningRun("store-d");
  const call = { tool_call_id: "call_1", tool_name: "echo", ts: new Date().toISOString() };
  await insertRunEvent(db.pool, run.ownerId, run.runId, run.event(1, "agent_started"));
  await insertRunEvent(db.pool, run.ownerId, run.runId, { ...run.event(2, "tool_executing"), ...call });
  await failInstanceRuns(db.pool, "store-d", "The service restarted.");
  const events = (await listRunEvents(db.pool, run.ownerId, run.runId)) as Array<Record<string, unknown>>;
  assert.deepEqual(
    events.map((e) => [e.seq, e.type, e.tool_call_id ?? null]),
    [
      [1, "agent_started", null],
      [2, "tool_executing", "call_1"],
      [3, "tool_completed", "call_1"],
      [4, "agent_error", null],
    ],
  );
  assert.deepEqual(events[2]?.output, { error: "interrupted" });
  assert.equal(events[2]?.tool_name, "echo");
  assert.equal(typeof events[2]?.duration_ms, "number");
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { createWsClient } from "./createWsClient.ts";
import { defineRunGrammar } from "./defineRunGrammar.ts";
import { type ScriptedServer, startScriptedServer } from "./startScriptedServer.ts";
import { type FollowRunGrammarOptions, toFollowRunGrammar } from "./toFollowRunGrammar.ts";

const state = { isNot: false };
type Event = Record<string, unknown>;
const renumber = (events: Event[]) => events.map((event, i) => ({ ...event, seq: i + 1 }));

describe("toFollowRunGrammar", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  /** Connects a client, plays `events` from the server side (with `delays` per index), runs the matcher. */
  const play = async (
    events: unknown[],
    options: FollowRunGrammarOptions = {},
    delays: Record<number, number> = {},
  ) => {
    const client = await createWsClient({ url: server.url, token: "t" });
    const socket = (await server.connected(server.upgrades.length)).at(-1);
    const runId = String((events[0] as Event).run_id);
    void (async () => {
      for (const [i, event] of events.entries()) {
        if (delays[i]) await new Promise((resolve) => setTimeout(resolve, delays[i]));
        socket?.send(JSON.stringify(event));
      }
    })();
    const result = await toFollowRunGrammar.call(state, client, runId, { timeout: 1000, ...options });
    await client.close();
    return { ...result, runId, text: result.message() };
  };

  it("passes a run with no tool, a run with two tools, and an agent_error run", async () => {
    assert.equal(
      (await play(buildRun(["thinking", "completed"]), { tools: 0, terminal: "agent_completed" })).pass,
      true,
    );
    assert.equal(
      (
        await play(buildRun(["thinking", "tool:echo", "tool:word_count", "thinking", "completed"]), {
          tools: 2,
        })
      ).pass,
      true,
    );
    assert.equal((await play(buildRun(["thinking", "error"]), { terminal: "agent_error" })).pass, true);
  });

  it("fails a wrong order with the exact problem, in the repo format, with the event log", async () => {
    const events = renumber(
      buildRun(["thinking", "tool:echo", "completed"]).filter((e) => e.type !== "tool_completed"),
    );
    const result = await play(events);
    assert.equal(result.pass, false);
    assert.match(
      result.text,
      new RegExp(
        [
          `^expect\\(client\\)\\.toFollowRunGrammar\\("${result.runId}"\\) failed`,
          "",
          String.raw`  expected tool_completed after tool_executing \(seq 3\), got agent_completed \(seq 4\)`,
          "Timeout: 1000ms",
          `Received: 4 events for run ${result.runId}`,
          String.raw`  #0  \+\d+ms  agent_started  seq=1`,
          String.raw`  #1  \+\d+ms  agent_thinking  seq=2 step=1`,
          String.raw`  #2  \+\d+ms  tool_executing  seq=3 tool_call_id=call_1 tool_name=echo`,
          String.raw`  #3  \+\d+ms  agent_completed  seq=4$`,
        ].join("\n"),
      ),
    );
  });

  it("fails a missing event (seq gap) and a duplicate", async () => {
    const events = buildRun(["thinking", "thinking", "completed"]);
    const gap = await play(events.filter((e) => e.seq !== 3));
    assert.match(gap.text, /\n\n {2}seq 4 after seq 2: missing seq 3\nTimeout: \d+ms\nReceived: 3 events/);
    const dup = await play([events[0], events[1], events[1], events[2], events[3]]);
    assert.match(
      dup.text,
      /\n\n {2}duplicate seq 2: agent_thinking received twice\nTimeout: \d+ms\nReceived: 5 events[\s\S]*\n {2}#2 {2}\+\d+ms {2}agent_thinking {2}seq=2 step=1\n/,
    );
  });

  it("fails an extra field with the contract errors for that frame", async () => {
    const events = buildRun(["thinking", "completed"]);
    events[1] = { ...events[1], internal_prompt: "system: …" };
    const result = await play(events);
    assert.equal(result.pass, false);
    assert.match(
      result.text,
      /\n\n {2}contract ws\/agent-thinking\.v1 \(seq 2\):\n {4}.*additional propert.*internal_prompt.*\nTimeout: \d+ms\nReceived: 3 events/,
    );
  });

  it("fails a late event after the terminal one, caught in the settle window", async () => {
    const events = buildRun(["thinking", "completed"]);
    events.push({ ...events[1], seq: 4, step: 2 });
    const result = await play(events, { settleMs: 200 }, { 3: 40 });
    assert.match(
      result.text,
      /\n\n {2}event after terminal agent_completed: agent_thinking \(seq 4\)\nTimeout: \d+ms\nReceived: 4 events/,
    );
  });

  it("fails with a timeout when the terminal event never comes", async () => {
    const result = await play(buildRun(["thinking", "completed"]).slice(0, 2), { timeout: 80 });
    assert.match(
      result.text,
      /\n\n {2}no terminal event within 80ms\nTimeout: \d+ms\nReceived: 2 events[\s\S]*agent_thinking {2}seq=2 step=1$/,
    );
  });

  // Catches a matcher that waits its own fixed time instead of the configured expect timeout.
  it("waits Playwright's expect timeout (this.timeout) for the terminal event and prints it; an explicit timeout wins", async () => {
    const client = await createWsClient({ url: server.url, token: "t" });
    const configured = { isNot: false, timeout: 70 };
    const result = await toFollowRunGrammar.call(configured, client, "run-never");
    assert.match(result.message(), /no terminal event within 70ms\n[\s\S]*\nTimeout: 70ms\n/);
    const explicit = await toFollowRunGrammar.call(configured, client, "run-never", { timeout: 40 });
    assert.match(explicit.message(), /no terminal event within 40ms\n[\s\S]*\nTimeout: 40ms\n/);
    await client.close();
  });

  it("fails a tool_call_id mismatch, an unknown type and a wrong first event", async () => {
    const events = buildRun(["tool:echo", "completed"]);
    events[2] = { ...events[2], tool_call_id: "call_b" };
    assert.match(
      (await play(events)).text,
      /\n\n {2}tool_call_id mismatch: tool_executing call_1, tool_completed call_b \(seq 3\)\nTimeout: \d+ms\nReceived/,
    );
    const paused = buildRun(["thinking", "completed"]);
    paused[1] = { ...paused[1], type: "agent_paused" };
    assert.match(
      (await play(paused)).text,
      /\n\n {2}unknown event type "agent_paused" \(seq 2\)\nTimeout: \d+ms\nReceived/,
    );
    const swapped = renumber(buildRun(["thinking", "completed"]));
    [swapped[0], swapped[1]] = [
      { ...swapped[1], seq: 1 },
      { ...swapped[0], seq: 2 },
    ];
    assert.match(
      (await play(swapped)).text,
      /\n\n {2}first event must be agent_started, got agent_thinking \(seq 1\)\n {2}agent_started again: agent_started \(seq 2\)\n/,
    );
  });

  it("checks plain event arrays (e.g. from GET /v1/runs/:id/events) without waiting", async () => {
    const events = buildRun(["tool:clock", "completed"]);
    const runId = String(events[0]?.run_id);
    assert.equal((await toFollowRunGrammar.call(state, events, runId, { tools: 1 })).pass, true);
    const short = await toFollowRunGrammar.call(state, events.slice(0, 3), runId);
    assert.match(
      short.message(),
      /^expect\(events\)\.toFollowRunGrammar\(".*"\) failed\n\n {2}no terminal event \(agent_completed or agent_error\)\nReceived: 3 events/,
    );
    const other = await toFollowRunGrammar.call(state, events, "nope");
    assert.match(
      other.message(),
      /\n\n {2}no events for this run\nReceived: no events for run nope; all 4 frames:\n {2}#0 /,
    );
  });

  it("under .not, fails a run that follows the grammar", async () => {
    const events = buildRun(["completed"]);
    const result = await toFollowRunGrammar.call({ isNot: true }, events, String(events[0]?.run_id));
    assert.equal(result.pass, true);
    assert.match(
      result.message(),
      /^expect\(events\)\.not\.toFollowRunGrammar\(".*"\) failed\n\n {2}run .* followed the grammar \(2 events\)/,
    );
  });

  it("rejects a wrong receiver and a missing run id, saying what it got", async () => {
    await assert.rejects(
      toFollowRunGrammar.call(state, "frames", "r"),
      /^Error: \[assay\/ws\] toFollowRunGrammar expects a WsClient, an array of its frames, or an array of event objects as the received value, got string "frames"\.$/,
    );
    await assert.rejects(
      toFollowRunGrammar.call(state, [], undefined as unknown as string),
      /needs the run id \(a non-empty string\), got undefined/,
    );
  });

  /** The grammar of a job queue that speaks its own events over the same socket. */
  const jobGrammar = defineRunGrammar({
    start: "job_queued",
    next: { job_queued: ["job_running"], job_running: ["job_done", "job_failed"] },
    terminal: ["job_done", "job_failed"],
    runKey: "job_id",
    seqKey: "seq",
  });
  const job = (id: string, ...types: string[]) => types.map((type, i) => ({ type, job_id: id, seq: i + 1 }));

  // Catches a matcher that still waits for agent_completed or groups by run_id under another grammar.
  it("follows a grammar of one's own over a socket: waits for its terminal event, groups by its key", async () => {
    const done = await play(
      job("job-1", "job_queued", "job_running", "job_done").map((e) => ({ ...e, run_id: "job-1" })),
      {
        grammar: jobGrammar,
        terminal: "job_done",
      },
    );
    assert.equal(done.pass, true, done.text);
    const client = await createWsClient({ url: server.url, token: "t" });
    const socket = (await server.connected(server.upgrades.length)).at(-1);
    for (const event of [
      ...job("job-2", "job_queued", "job_done"),
      { type: "job_running", job_id: "other", seq: 1 },
    ])
      socket?.send(JSON.stringify(event));
    const skipped = await toFollowRunGrammar.call(state, client, "job-2", {
      grammar: jobGrammar,
      timeout: 1000,
    });
    await client.close();
    assert.equal(skipped.pass, false);
    assert.match(
      skipped.message(),
      /^expect\(client\)\.toFollowRunGrammar\("job-2"\) failed\n\n {2}expected job_running after job_queued \(seq 1\), got job_done \(seq 2\)\nTimeout: 1000ms\nReceived: 2 events for run job-2\n {2}#0 +\+\d+ms {2}job_queued {2}seq=1\n {2}#1 +\+\d+ms {2}job_done {2}seq=2$/,
    );
  });

  it("refuses options its grammar does not have, before waiting", async () => {
    await assert.rejects(
      toFollowRunGrammar.call(state, job("j", "job_queued"), "j", {
        grammar: jobGrammar,
        terminal: "agent_completed",
      }),
      /^Error: \[assay\/ws\] options\.terminal "agent_completed" is not a terminal event of the grammar \(job_done, job_failed\)\.$/,
    );
  });
});

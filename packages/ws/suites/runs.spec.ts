import { expect, now, recordLatency, test } from "@assay/test";
import { startRun } from "./startRun.ts";

test("a run with no tool follows the grammar and reports its first-event latency", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  const { runId, sentAt } = await startRun(alice, "hello there", now);
  await expect(ws).toFollowRunGrammar(runId, { tools: 0, terminal: "agent_completed" });
  const latency = ws.latency(runId, sentAt);
  recordLatency(latency);
  expect(latency.first_event_ms).toBeGreaterThanOrEqual(0);
  await expect(ws).toReceiveEvent({ type: "agent_completed", run_id: runId, content: "Echo: hello there" });
});

test("a run with two tools pairs each tool call and reports tool latencies", async ({ users, connectWs }) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  const { runId, sentAt } = await startRun(alice, "#tool:echo #tool:word_count two tools please", now);
  await expect(ws).toFollowRunGrammar(runId, { tools: 2, terminal: "agent_completed" });
  const latency = ws.latency(runId, sentAt);
  recordLatency(latency);
  expect(latency.tool_calls.map((call) => call.tool_name)).toEqual(["echo", "word_count"]);
});

const upstreamFailures = [
  { directive: "#upstream:error", code: "upstream_error", what: "an upstream HTTP 500" },
  { directive: "#upstream:timeout", code: "upstream_timeout", what: "an upstream that never answers" },
  {
    directive: "#upstream:invalid",
    code: "upstream_invalid",
    what: "an upstream reply that is not a completion",
  },
];

for (const { directive, code, what } of upstreamFailures) {
  test(`${what} ends the run with agent_error ${code}, not a hang`, async ({ users, connectWs }) => {
    const alice = await users.create();
    const ws = await connectWs({ token: alice.token });
    await expect(ws).toReceiveEvent({ type: "session_ready" });
    const { runId } = await startRun(alice, directive, now);
    await expect(ws).toFollowRunGrammar(runId, { terminal: "agent_error", timeout: 15_000 });
    await expect(ws).toReceiveEvent({ type: "agent_error", run_id: runId, error: { code } });
  });
}

test("every socket of the owner gets the run; another user's socket gets none of it", async ({
  users,
  connectWs,
}) => {
  const [alice, bob] = [await users.create(), await users.create()];
  const [phone, laptop, bobs] = await Promise.all([
    connectWs({ token: alice.token }),
    connectWs({ token: alice.token }),
    connectWs({ token: bob.token }),
  ]);
  for (const ws of [phone, laptop, bobs]) await expect(ws).toReceiveEvent({ type: "session_ready" });
  const { runId } = await startRun(alice, "#tool:clock what time is it", now);
  await expect(phone).toFollowRunGrammar(runId, { tools: 1 });
  await expect(laptop).toFollowRunGrammar(runId, { tools: 1 });
  expect(bobs.frames.map((f) => (f.data as { type: string }).type)).toEqual(["session_ready"]);
});

test("a client that reconnects mid-run gets a new session and replays the events it missed", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const first = await connectWs({ token: alice.token });
  await expect(first).toReceiveEvent({ type: "session_ready" });
  const { runId } = await startRun(alice, "#tool:echo #tool:echo #tool:clock reconnect", now);
  await expect(first).toReceiveEvent({ type: "agent_started", run_id: runId });
  const firstSession = (await first.sessionReady).data as { session_id: string };
  await first.close();

  const second = await connectWs({ token: alice.token });
  const secondSession = (await second.sessionReady).data as { session_id: string };
  expect(secondSession.session_id).not.toBe(firstSession.session_id);
  await expect
    .poll(async () => (await (await alice.api.get(`/v1/runs/${runId}`)).json()).status, { timeout: 10_000 })
    .toBe("completed");
  const replay = await alice.api.get(`/v1/runs/${runId}/events`);
  await expect(replay).toMatchContract("http/run-event-list.v1");
  await expect((await replay.json()).items as unknown[]).toFollowRunGrammar(runId, { tools: 3 });
});

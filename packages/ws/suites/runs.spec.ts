import { expect, now, recordLatency, test } from "@assay/test";
import { startRun } from "./startRun.ts";

// Fails on a run that breaks the grammar or its contracts, on a wrong reply, and on latency
// measured on two clocks (the post's and the frames'), which puts the first event before the post.
test("a run with no tool follows the grammar, and its first-event latency is measured on one clock", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  const { runId, sentAt } = await startRun(alice, "hello there", now);
  await expect(ws).toFollowRunGrammar(runId, { tools: 0, terminal: "agent_completed" });
  const latency = ws.latency(runId, sentAt);
  expect(recordLatency(latency)).toBe(2);
  // The post came first, so the first event's latency is positive; with the run's it adds up
  // to the time from the post to the terminal event, as this test saw it.
  const terminal = ws.runEvents(runId).at(-1);
  const elapsed = ws.connectedAt + (terminal?.at ?? 0) - sentAt;
  expect(latency.first_event_ms).toBeGreaterThan(0);
  expect((latency.first_event_ms ?? 0) + (latency.run_ms ?? 0)).toBeCloseTo(elapsed, 1);
  await expect(ws).toReceiveEvent({ type: "agent_completed", run_id: runId, content: "Echo: hello there" });
});

// Fails when a tool_executing has no matching tool_completed, or tools are reported out of order.
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

// Fails when an upstream failure hangs the run, ends it as completed, or names the wrong code.
for (const { directive, code, what } of upstreamFailures) {
  test(`${what} ends the run with agent_error ${code}, not a hang`, async ({ users, connectWs }) => {
    const alice = await users.create();
    const ws = await connectWs({ token: alice.token });
    await expect(ws).toReceiveEvent({ type: "session_ready" });
    const { runId, sentAt } = await startRun(alice, directive, now);
    await expect(ws).toFollowRunGrammar(runId, { terminal: "agent_error", timeout: 15_000 });
    await expect(ws).toReceiveEvent({ type: "agent_error", run_id: runId, error: { code } });
    recordLatency(ws.latency(runId, sentAt));
  });
}

// Fails when the service pushes a run to one socket of its owner only, or to another user's socket.
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
  const { runId, sentAt } = await startRun(alice, "#tool:clock what time is it", now);
  await expect(phone).toFollowRunGrammar(runId, { tools: 1 });
  await expect(laptop).toFollowRunGrammar(runId, { tools: 1 });
  recordLatency(phone.latency(runId, sentAt));
  expect(bobs.frames.map((f) => (f.data as { type: string }).type)).toEqual(["session_ready"]);
});

// Fails when a reconnect reuses the old session, or the stored events of the run are incomplete.
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

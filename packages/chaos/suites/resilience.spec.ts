import { checkLogLines } from "@assay/contracts";
import { test as assayTest, expect } from "@assay/test";
import { mergeTests } from "@playwright/test";
import {
  assertBreakerOpensUnderConcurrentFailures,
  assertOutage,
  callService,
  chaosTest,
  measureOutage,
  readBreaker,
  recordFigures,
  recordStep,
  runAll,
  summarizeOutage,
} from "../src/index.ts";

// Each worker has a private agent-api whose database and upstream sit behind fault proxies
// (breaker: 3 failures, open 1.5 s). The `stack` fixture heals it after every test.
const test = mergeTests(assayTest, chaosTest);
test.describe.configure({ timeout: 90_000 });

async function newConversation(api: import("@playwright/test").APIRequestContext): Promise<string> {
  const response = await api.post("/v1/conversations", { data: { title: "resilience" } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test("a 5 s database cut under steady writes: noticed, 503 at once, back by itself, nothing acknowledged lost or doubled", async ({
  stack,
  stackUsers,
}, testInfo) => {
  const alice = await stackUsers.create();
  const report = await measureOutage({
    baseURL: stack.baseURL,
    token: alice.token,
    cut: () => stack.db.cut(),
    restore: () => stack.db.reset(),
    label: `cut-${testInfo.testId}`,
  });
  const figures = summarizeOutage(report);
  recordFigures("db_cut_5s", figures);
  console.log(`[resilience] db cut 5 s: ${JSON.stringify(figures)}`);
  for (const ms of report.unavailableMs) recordStep("db_down_503", ms);
  assertOutage(report);
  expect(report.unavailableMs.length, "writes during the cut got 503").toBeGreaterThan(0);
  // The loss and the return are both in the logs, each matching its contract.
  const lines = await stack.logs();
  const outage = lines.filter(
    (line) => line.event === "db_connection_lost" || line.event === "db_reconnected",
  );
  expect(outage.map((line) => line.event)).toEqual(
    expect.arrayContaining(["db_connection_lost", "db_reconnected"]),
  );
  expect(checkLogLines(outage).problems).toEqual([]);
});

test("a connection reset mid-transaction rolls the write back and answers 503, and the next write works", async ({
  stack,
  stackUsers,
}) => {
  const alice = await stackUsers.create();
  const conversationId = await newConversation(alice.api);
  // Slow every round trip so the message's transaction (BEGIN … COMMIT) is still open when the
  // reset comes.
  const slow = stack.db.add({ type: "latency", latencyMs: 150, direction: "downstream" });
  const pending = alice.api.post(`/v1/conversations/${conversationId}/messages`, {
    data: { content: "written mid-reset" },
    timeout: 15_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 400));
  const reset = stack.db.add({ type: "reset" });
  const answer = await pending;
  stack.db.remove(reset);
  stack.db.remove(slow);
  expect(answer.status()).toBe(503);
  await expect(answer).toMatchContract("http/service-unavailable.v1");
  expect(answer.headers()["retry-after"]).toMatch(/^\d+$/);
  await expect
    .poll(async () => (await alice.api.get(`/v1/conversations/${conversationId}/messages`)).status(), {
      timeout: 10_000,
    })
    .toBe(200);
  const messages = (await (await alice.api.get(`/v1/conversations/${conversationId}/messages`)).json()) as {
    items: Array<{ content: string }>;
  };
  expect(
    messages.items.filter((m) => m.content === "written mid-reset"),
    "half a transaction stored",
  ).toEqual([]);
  const next = await alice.api.post(`/v1/conversations/${conversationId}/messages`, {
    data: { content: "after" },
  });
  expect(next.status()).toBe(202);
});

test("pool exhaustion: pool max + 20 slow requests are queued or refused clearly, never hung, then it recovers", async ({
  stack,
  stackUsers,
}) => {
  const alice = await stackUsers.create();
  stack.db.add({ type: "latency", latencyMs: 200 });
  const count = stack.poolMax + 20;
  let sawDegraded = false;
  const watching = (async () => {
    for (let i = 0; i < 30 && !sawDegraded; i++) {
      const health = (await (await fetch(`${stack.baseURL}/health`)).json()) as {
        status: string;
        connection_pool: { waiting: number };
      };
      if (health.status === "degraded" && health.connection_pool.waiting > 0) sawDegraded = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const answers = await Promise.all(
    Array.from({ length: count }, async () => {
      const started = performance.now();
      const response = await alice.api.get("/v1/me", { timeout: 20_000 });
      const body = (await response.json()) as { error?: { code: string } };
      return { status: response.status(), code: body.error?.code ?? null, ms: performance.now() - started };
    }),
  );
  await watching;
  const unclear = answers.filter(
    (a) => a.status !== 200 && !(a.status === 503 && a.code === "service_unavailable"),
  );
  // A wrong answer names what the service logged about it, so a rare failure can be read.
  const logged =
    unclear.length === 0
      ? ""
      : (await stack.logs())
          .filter((line) => line.level === "error" || line.level === "warn")
          .slice(-10)
          .map((line) => `${String(line.event)}: ${String(line.error_message ?? "")}`)
          .join("; ");
  expect(
    unclear,
    `every request is served or refused with 503 service_unavailable (service errors: ${logged || "none"})`,
  ).toEqual([]);
  const slowest = Math.max(...answers.map((a) => a.ms));
  recordFigures("pool_exhaustion", {
    requests: count,
    served: answers.filter((a) => a.status === 200).length,
    refused: answers.filter((a) => a.status === 503).length,
    slowest_ms: Math.round(slowest),
  });
  expect(
    slowest,
    "no request hung: each was answered within the pool wait (2 s) plus its own work",
  ).toBeLessThan(10_000);
  expect(sawDegraded, "/health said degraded with callers waiting while the pool was exhausted").toBe(true);
  await stack.db.reset();
  const after = await Promise.all(Array.from({ length: 5 }, () => alice.api.get("/v1/me")));
  expect(after.map((r) => r.status())).toEqual([200, 200, 200, 200, 200]);
  await expect
    .poll(async () => ((await (await fetch(`${stack.baseURL}/health`)).json()) as { status: string }).status)
    .toBe("healthy");
});

test("upstream 500s and timeouts end runs with agent_error; the breaker opens, half-opens and closes", async ({
  stack,
  stackUsers,
}) => {
  const alice = await stackUsers.create();
  const conversationId = await newConversation(alice.api);
  // A silent upstream: the run gives up at the service's upstream timeout.
  stack.llm.add({ type: "blackhole" });
  expect(await runAll(alice.api, conversationId, ["anyone there?"])).toEqual(["upstream_timeout"]);
  await stack.llm.reset();
  expect(await runAll(alice.api, conversationId, ["hello again"]), "a success resets the count").toEqual([
    null,
  ]);
  // Three 500s at once open it (threshold 3).
  const codes = await assertBreakerOpensUnderConcurrentFailures({
    api: alice.api,
    baseURL: stack.baseURL,
    conversationId,
    threshold: 3,
  });
  expect(codes).toEqual(["upstream_error", "upstream_error", "upstream_error"]);
  const started = performance.now();
  expect(await runAll(alice.api, conversationId, ["while open"])).toEqual(["upstream_unavailable"]);
  recordFigures("breaker_fail_fast", { ms: Math.round(performance.now() - started) });
  await expect.poll(() => readBreaker(stack.baseURL), { timeout: 5000 }).toBe("half_open");
  expect(await runAll(alice.api, conversationId, ["probe"])).toEqual([null]);
  expect(await readBreaker(stack.baseURL)).toBe("closed");
  const transitions = (await stack.logs())
    .filter((line) => line.event === "breaker_state_changed")
    .map((line) => `${line.from}→${line.to}`);
  expect(transitions.slice(-3)).toEqual(["closed→open", "open→half_open", "half_open→closed"]);
  recordFigures("breaker_transitions", { transitions: transitions.slice(-3) });
});

test("agent-api restarted mid-run: clients reconnect, runs end, no acknowledged write lost", async ({
  stack,
  stackUsers,
  connectWs,
}, testInfo) => {
  const alice = await stackUsers.create();
  const conversationId = await newConversation(alice.api);
  const ws = await connectWs({ url: stack.wsURL, token: alice.token });
  await ws.sessionReady;
  const accepted = await alice.api.post(`/v1/conversations/${conversationId}/messages`, {
    data: { content: "#tool:echo #tool:clock through a restart" },
  });
  expect(accepted.status()).toBe(202);
  const runId = ((await accepted.json()) as { run: { id: string } }).run.id;
  const label = `restart-${testInfo.testId}`;
  const acked: string[] = [];
  let stop = false;
  const writer = (async () => {
    for (let n = 1; !stop; n++) {
      const title = `${label}-w${n}`;
      // fetch, not alice.api: a refused request's call log would carry the token into the report.
      const answer = await callService(
        stack.baseURL,
        "POST",
        "/v1/conversations",
        alice.token,
        { title },
        5000,
      );
      if (answer.status === 201) acked.push(title);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { downMs } = await stack.restart();
  expect((await ws.closed).code, "the socket is told the service is going away").toBe(1001);
  const reconnectStarted = performance.now();
  let again: Awaited<ReturnType<typeof connectWs>> | undefined;
  while (again === undefined && performance.now() - reconnectStarted < 15_000) {
    again = await connectWs({ url: stack.wsURL, token: alice.token }).catch(() => undefined);
    if (again === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(again, "a client reconnects after the restart").toBeDefined();
  const reconnectMs = Math.round(performance.now() - reconnectStarted);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  stop = true;
  await writer;
  recordFigures("restart", { down_ms: downMs, reconnect_ms: reconnectMs, acknowledged: acked.length });
  // The run in flight ended (not stuck in running), and the new socket can replay it.
  const run = (await (await alice.api.get(`/v1/runs/${runId}`)).json()) as { status: string };
  expect(["completed", "failed"]).toContain(run.status);
  again?.send({ type: "replay", run_id: runId, id: "after-restart" });
  await expect(again as NonNullable<typeof again>).toReceiveEvent({ type: "replay_done", run_id: runId });
  // The list is read once the service answers it again (its pool may still be reconnecting).
  let listed: { items: Array<{ title: string }> } = { items: [] };
  await expect
    .poll(
      async () => {
        const answer = await alice.api.get("/v1/conversations");
        if (answer.status() === 200) listed = (await answer.json()) as typeof listed;
        return answer.status();
      },
      { message: "the conversation list answers after the restart", timeout: 10_000 },
    )
    .toBe(200);
  const titles = listed.items.map((item) => item.title);
  expect(
    acked.filter((title) => !titles.includes(title)),
    "acknowledged writes lost over the restart",
  ).toEqual([]);
  expect(
    titles.filter((title, i) => titles.indexOf(title) !== i),
    "writes stored twice",
  ).toEqual([]);
});

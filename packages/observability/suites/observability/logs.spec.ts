import { randomUUID } from "node:crypto";
import { checkLogLines } from "@assay/contracts";
import { mintedTokensFile, readMintedTokens } from "@assay/fixtures";
import { expect, test } from "@assay/test";
import { observabilityEnv } from "../../src/env.ts";
import { markServiceLog, readServiceLog, serviceLogSource } from "../../src/index.ts";

// Runs only where the run names a log source (playwright.config.ts leaves it out otherwise,
// saying so): ASSAY_SERVICE_LOG, set by local runs, or ASSAY_SERVICE_LOG_COMMAND.
const source = serviceLogSource(observabilityEnv());

test("every log line the test caused matches its contract, carries the request's correlation id, and holds no token", async ({
  users,
  connectWs,
  target,
}, testInfo) => {
  if (source === null)
    throw new Error(
      "[assay/observability] no log source: set ASSAY_SERVICE_LOG or ASSAY_SERVICE_LOG_COMMAND",
    );
  const alice = await users.create();
  const mark = await markServiceLog(source);
  const prefix = `obs-${testInfo.testId.slice(0, 12)}-${randomUUID().slice(0, 8)}`;
  const ids = new Set<string>();
  const id = (what: string) => {
    const value = `${prefix}-${what}`;
    ids.add(value);
    return { "x-correlation-id": value };
  };
  const created = await alice.api.post("/v1/conversations", {
    data: { title: "logs" },
    headers: id("create"),
  });
  const conversationId = ((await created.json()) as { id: string }).id;
  const socket = await connectWs({ token: alice.token, headers: id("socket") });
  const ready = (await socket.sessionReady).data as { project_id: string };
  const tool = await alice.api.post(`/v1/conversations/${conversationId}/messages`, {
    data: { content: "#tool:echo log me" },
    headers: id("tool-run"),
  });
  const toolRun = ((await tool.json()) as { run: { id: string } }).run.id;
  await expect(socket).toReceiveEvent({ type: "agent_completed", run_id: toolRun }, { timeout: 10_000 });
  // In a conversation of its own: the memory update below must not summarise a failing message.
  const other = await alice.api.post("/v1/conversations", {
    data: { title: "fails" },
    headers: id("create-other"),
  });
  const otherId = ((await other.json()) as { id: string }).id;
  const failing = await alice.api.post(`/v1/conversations/${otherId}/messages`, {
    data: { content: "#upstream:error fail me" },
    headers: id("failing-run"),
  });
  const failingRun = ((await failing.json()) as { run: { id: string } }).run.id;
  await expect(socket).toReceiveEvent({ type: "agent_error", run_id: failingRun }, { timeout: 10_000 });
  socket.send({ type: "switch_project", project_id: ready.project_id, id: "switch" });
  await expect(socket).toReceiveEvent({ type: "project_switched" });
  socket.send({ type: "replay", run_id: toolRun, id: "replay" });
  await expect(socket).toReceiveEvent({ type: "replay_done", run_id: toolRun });
  await alice.api.post(`/v1/conversations/${conversationId}/memory/update`, { headers: id("memory") });
  await expect
    .poll(async () => {
      const memory = await alice.api.get(`/v1/conversations/${conversationId}/memory`, {
        headers: id("memory-read"),
      });
      return ((await memory.json()) as { job: { status: string } | null }).job?.status;
    })
    .toBe("done");
  await alice.api.get(`/v1/conversations/${randomUUID()}`, { headers: id("missing") });

  // The service may write a moment later: read until every request's own line is there.
  let lines: Array<Record<string, unknown>> = [];
  let problems: string[] = [];
  await expect
    .poll(
      async () => {
        ({ lines, problems } = await readServiceLog(source, mark));
        const requested = new Set(
          lines.filter((l) => l.event === "request").map((l) => String(l.correlation_id)),
        );
        return [...ids].filter((value) => !requested.has(value));
      },
      { timeout: 10_000, message: "request lines for every correlation id the test sent" },
    )
    .toEqual([]);
  expect(problems, "every line is a JSON object").toEqual([]);
  const secrets = [
    ...readMintedTokens(mintedTokensFile(target)),
    alice.token,
    target.adminToken,
    ...(observabilityEnv().ASSAY_JWT_SECRET ? [observabilityEnv().ASSAY_JWT_SECRET as string] : []),
  ];
  // Every line in the window (other tests' too: the run caused them) matches and holds no secret.
  const all = checkLogLines(lines, { secrets });
  expect(all.problems).toEqual([]);
  // The lines this test caused carry its correlation ids, down to the run, the socket and the job.
  const own = lines.filter((line) => ids.has(String(line.correlation_id)));
  const kinds = checkLogLines(own, { correlationIds: ids }).kinds;
  expect(Object.keys(kinds).sort()).toEqual(
    expect.arrayContaining([
      "logs/database.v1",
      "logs/error.v1",
      "logs/job.v1",
      "logs/request.v1",
      "logs/session.v1",
      "logs/tool.v1",
    ]),
  );
  const of = (event: string) => own.filter((line) => line.event === event).map((line) => line.correlation_id);
  expect(of("tool_call")).toContain(`${prefix}-tool-run`);
  expect(of("upstream_call_failed")).toContain(`${prefix}-failing-run`);
  expect(of("session_created")).toContain(`${prefix}-socket`);
  expect(of("project_switched")).toContain(`${prefix}-socket`);
  expect(of("session_resumed")).toContain(`${prefix}-socket`);
  expect(of("memory_job_done")).toContain(`${prefix}-memory`);
  const request = own.find((line) => line.event === "request" && line.correlation_id === `${prefix}-create`);
  expect(request).toMatchObject({ method: "POST", route: "/v1/conversations", status: 201, user: alice.id });
});

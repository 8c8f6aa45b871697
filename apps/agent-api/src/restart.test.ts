import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { type ChildService, type Frame, startChildService } from "./startChildService.ts";
import { RESTART_MESSAGE, SHUTDOWN_MESSAGE } from "./startService.ts";

// A restart in the middle of runs: every run in flight still ends with exactly one terminal
// event, last, stored, and reaching its owner; never silence, never an event after the end.
// Each event of a slowed run waits 250 ms (load_slow_events), so the run is surely in flight.

async function slowRun(service: ChildService, tools: number) {
  const user = await service.createUser();
  const fault = await service.call("PUT", "/v1/test-support/faults", service.admin, {
    user_id: user.id,
    fault: "load_slow_events",
    enabled: true,
  });
  assert.equal(fault.status, 200);
  const socket = await service.openSocket(user.token);
  await socket.next("session_ready");
  const conversation = await service.call("POST", "/v1/conversations", user.token, { title: "restart" });
  const content = `restart ${Array.from({ length: tools }, () => "#tool:echo").join(" ")}`;
  const posted = await service.call(
    "POST",
    `/v1/conversations/${conversation.body.id}/messages`,
    user.token,
    {
      content,
    },
  );
  assert.equal(posted.status, 202);
  const runId = posted.body.run.id as string;
  await socket.next("agent_started", 5000);
  return { user, socket, runId };
}

/** The run's story is whole: seq 1, 2, 3… and exactly one terminal event, the last. */
function assertWhole(frames: Frame[], runId: string): Frame {
  const run = frames.filter((f) => f.run_id === runId && f.type !== "replay_done");
  assert.deepEqual(
    run.map((f) => f.seq),
    run.map((_, i) => i + 1),
    `seq in order without gaps or repeats: ${run.map((f) => `${f.seq}:${f.type}`).join(" ")}`,
  );
  const terminals = run.filter((f) => f.type === "agent_completed" || f.type === "agent_error");
  assert.equal(terminals.length, 1, `one terminal event: ${run.map((f) => f.type).join(" ")}`);
  assert.equal(run.at(-1), terminals[0], "the terminal event is the last");
  return terminals[0] as Frame;
}

// Fails when shutdown closes the sockets before the runs end (the owner never hears of its run
// again), keeps accepting connections while it winds down (a reconnecting client lands on the
// dying process and gets its events out of order), or leaves a run that outlives the grace
// period "running" with no terminal event.
test("SIGTERM: no new connection once shutting down; a run in flight ends with agent_error on its socket before it closes", {
  timeout: 60_000,
}, async () => {
  const service = await startChildService();
  const exited = once(service.child, "exit");
  try {
    // 8 tools in one step: 16 slowed events, 4 s if nothing stopped it.
    const { socket, runId } = await slowRun(service, 8);
    service.child.kill("SIGTERM");
    const deadline = Date.now() + 5000;
    while (!service.logs.some((l) => l.event === "shutting_down") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await assert.rejects(
      fetch(`${service.base}/health`, { signal: AbortSignal.timeout(2000) }),
      "a service shutting down accepts no new connection",
    );
    const closed = await socket.closed;
    assert.equal(closed.code, 1001);
    const terminal = assertWhole(socket.frames, runId);
    assert.equal(terminal.type, "agent_error");
    // Aborted at its next step, or ended by the shutdown when it outlived the grace period.
    assert.equal((terminal.error as { code: string }).code, "internal");
    assert.ok(
      ["The service is shutting down.", SHUTDOWN_MESSAGE].includes(
        (terminal.error as { message: string }).message,
      ),
    );
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    // Already told to stop: a second SIGTERM would cut the shutdown short.
    service.child.kill("SIGKILL");
    await exited;
  }
});

// Fails when the runs a killed process left stay "running" after the restart (the client's
// replay finds no end: silence), or when their agent_error repeats a seq.
test("SIGKILL then a restart as the same instance: the runs left running end with agent_error, stored", {
  timeout: 120_000,
}, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "assay-restart-"));
  const env = {
    ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
    ASSAY_DB_DIR: dir,
    ASSAY_INSTANCE_ID: "restart-test",
  };
  const first = await startChildService(env);
  let second: ChildService | undefined;
  try {
    const { user, socket, runId } = await slowRun(first, 2);
    await socket.next("agent_thinking", 5000);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    await socket.closed;
    second = await startChildService({ ...env, PORT: String(first.port), ASSAY_ADMIN_TOKEN: first.admin });
    assert.ok(second.logs.some((l) => l.event === "runs_interrupted" && l.by === "restart" && l.count === 1));
    const run = await second.call("GET", `/v1/runs/${runId}`, user.token);
    assert.equal(run.body.status, "failed");
    const again = await second.openSocket(user.token);
    await again.next("session_ready");
    again.ws.send(JSON.stringify({ type: "replay", run_id: runId, after_seq: 0, id: "r" }));
    await again.next("replay_done", 5000);
    const terminal = assertWhole(again.frames, runId);
    assert.deepEqual(terminal.error, { code: "internal", message: RESTART_MESSAGE });
    again.ws.close();
  } finally {
    await second?.stop();
    if (first.child.exitCode === null && first.child.signalCode === null) await first.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

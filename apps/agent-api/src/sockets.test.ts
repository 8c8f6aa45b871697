import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test as nodeTest } from "node:test";
import { type ChildService, startChildService } from "./startChildService.ts";

// Socket sessions (switch_project, replay, token expiry) and the per-user faults.
let service: ChildService;
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 15_000 }, fn);

before(async () => {
  service = await startChildService();
});

after(async () => {
  await service.stop();
});

async function setFault(userId: string, fault: string, enabled = true) {
  const answer = await service.call("PUT", "/v1/test-support/faults", service.admin, {
    user_id: userId,
    fault,
    enabled,
  });
  assert.equal(answer.status, 200);
  return answer.body.faults as Array<{ user_id: string; fault: string }>;
}

async function runOnce(token: string, content = "hi #tool:echo") {
  const conversation = await service.call("POST", "/v1/conversations", token, { title: "run" });
  const posted = await service.call("POST", `/v1/conversations/${conversation.body.id}/messages`, token, {
    content,
  });
  assert.equal(posted.status, 202);
  return { conversationId: conversation.body.id as string, runId: posted.body.run.id as string };
}

// Fails when switch_project moves another session of the same user.
test("a socket is a session: session_ready names its project, switch_project moves only it", async () => {
  const { call, createUser, openSocket } = service;
  const alice = await createUser();
  const phone = await openSocket(alice.token);
  const laptop = await openSocket(alice.token);
  const ready = await phone.next("session_ready");
  const defaultId = (await call("GET", "/v1/projects", alice.token)).body.items[0].id;
  assert.equal(ready.project_id, defaultId);
  const other = (await call("POST", "/v1/projects", alice.token, { name: "Other" })).body;
  phone.ws.send(JSON.stringify({ type: "switch_project", project_id: other.id, id: "s1" }));
  const switched = await phone.next("project_switched");
  assert.deepEqual(Object.keys(switched).sort(), ["id", "project_id", "session_id", "ts", "type"]);
  assert.equal(switched.session_id, ready.session_id);
  assert.equal(switched.project_id, other.id);
  const laptopSession = (await laptop.next("session_ready")).session_id;
  assert.equal(
    (await call("GET", `/v1/sessions/${ready.session_id}`, alice.token)).body.project_id,
    other.id,
  );
  assert.equal((await call("GET", `/v1/sessions/${laptopSession}`, alice.token)).body.project_id, defaultId);
  const bob = await createUser();
  const bobs = (await call("POST", "/v1/projects", bob.token, { name: "Bob's" })).body;
  phone.ws.send(JSON.stringify({ type: "switch_project", project_id: bobs.id }));
  const refused = await phone.next("error");
  assert.equal((refused.error as { code: string }).code, "not_found");
  // Deleting the socket's project removes its session row; switching brings it back, same id.
  assert.equal((await call("DELETE", `/v1/projects/${other.id}`, alice.token)).status, 204);
  assert.equal((await call("GET", `/v1/sessions/${ready.session_id}`, alice.token)).status, 404);
  phone.ws.send(JSON.stringify({ type: "switch_project", project_id: defaultId, id: "back" }));
  await phone.next("project_switched");
  assert.equal(
    (await call("GET", `/v1/sessions/${ready.session_id}`, alice.token)).body.project_id,
    defaultId,
  );
  phone.ws.close();
  laptop.ws.close();
});

// Fails when replay skips or repeats events, or replays another user's run.
test("replay sends a run's stored events after after_seq, then replay_done; never another user's", async () => {
  const alice = await service.createUser();
  const socket = await service.openSocket(alice.token);
  const { runId } = await runOnce(alice.token);
  await socket.next("agent_completed");
  const live = socket.frames.filter((frame) => frame.run_id === runId);
  socket.ws.send(JSON.stringify({ type: "replay", run_id: runId, after_seq: 2, id: "r1" }));
  const done = await socket.next("replay_done");
  assert.equal(done.count, live.length - 2);
  assert.equal(done.id, "r1");
  const replayed = socket.frames.filter((frame) => frame.run_id === runId).slice(live.length, -1);
  assert.deepEqual(replayed, live.slice(2));
  const bob = await service.openSocket((await service.createUser()).token);
  bob.ws.send(JSON.stringify({ type: "replay", run_id: runId }));
  assert.equal(((await bob.next("error")).error as { code: string }).code, "not_found");
  bob.ws.send(JSON.stringify({ type: "replay", run_id: randomUUID() }));
  // Wait for the second answer itself, not a fixed time a loaded machine may exceed.
  const errorFrames = () => bob.frames.filter((frame) => frame.type === "error");
  for (const deadline = Date.now() + 10_000; errorFrames().length < 2 && Date.now() < deadline; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  const errors = errorFrames();
  assert.equal(errors.length, 2);
  assert.deepEqual(
    { ...(errors[0]?.error as object), correlation_id: undefined },
    { ...(errors[1]?.error as object), correlation_id: undefined },
  );
  assert.equal(bob.frames.filter((frame) => frame.run_id !== undefined).length, 0);
  socket.ws.close();
  bob.ws.close();
});

// Fails when a socket outlives its token's exp by a second or more.
test("a socket whose token expires is closed with 4401 within a second of exp", async () => {
  const alice = await service.createUser();
  const short = await service.call("POST", `/v1/test-support/users/${alice.id}/tokens`, service.admin, {
    expires_in_seconds: 2,
  });
  const socket = await service.openSocket(short.body.token);
  await socket.next("session_ready");
  const { code, at } = await socket.closed;
  assert.equal(code, 4401);
  const late = at - Date.parse(short.body.expires_at);
  assert.ok(late >= -50 && late < 1000, `closed ${late} ms after exp`);
});

// Fails when a fault does not misbehave, or misbehaves for users outside it.
test("faults: leak_events, skip_owner_check and stack_traces misbehave for their user only", async () => {
  const { call, createUser, openSocket } = service;
  const leaky = await createUser();
  const victim = await createUser();
  const outsider = await createUser();
  const bystander = await openSocket(victim.token);
  const untouched = await openSocket(outsider.token);
  await untouched.next("session_ready");
  assert.deepEqual(await setFault(leaky.id, "leak_events"), [{ user_id: leaky.id, fault: "leak_events" }]);
  await setFault(victim.id, "leak_events");
  const { runId } = await runOnce(leaky.token);
  const leaked = await bystander.next("agent_completed");
  assert.equal(leaked.run_id, runId, "the leak reaches the other user under the fault");
  await runOnce(outsider.token);
  const own = await untouched.next("agent_completed");
  assert.notEqual(own.run_id, runId, "a user outside the fault sees only its own runs");
  for (const user of [leaky, victim]) await setFault(user.id, "leak_events", false);
  const victimConversation = (await call("POST", "/v1/conversations", victim.token, { title: "private" }))
    .body;
  await setFault(leaky.id, "skip_owner_check");
  assert.equal((await call("GET", `/v1/conversations/${victimConversation.id}`, leaky.token)).status, 200);
  assert.equal(
    (await call("GET", `/v1/conversations/${victimConversation.id}`, (await createUser()).token)).status,
    404,
  );
  await setFault(leaky.id, "stack_traces");
  const traced = await call("GET", `/v1/runs/${randomUUID()}`, leaky.token);
  assert.match(traced.body.error.stack, /HttpError/);
  assert.equal((await call("GET", `/v1/runs/${randomUUID()}`, victim.token)).body.error.stack, undefined);
  for (const fault of ["skip_owner_check", "stack_traces"]) await setFault(leaky.id, fault, false);
  assert.deepEqual((await call("GET", "/v1/test-support/faults", service.admin)).body, { faults: [] });
  bystander.ws.close();
  untouched.ws.close();
});

// Fails when these faults do not misbehave, outlive being switched off, or take unknown names.
test("faults: accept_expired and default_project", async () => {
  const { call, admin, createUser } = service;
  const alice = await createUser();
  const expired = await call("POST", "/v1/test-support/tokens", admin, {
    user_id: alice.id,
    claims: { sub: alice.id, iss: "assay-agent-api", aud: "assay", exp: Math.floor(Date.now() / 1000) - 60 },
  });
  assert.equal(expired.status, 201);
  assert.equal((await call("GET", "/v1/me", expired.body.token)).status, 401);
  await setFault(alice.id, "accept_expired");
  assert.equal((await call("GET", "/v1/me", expired.body.token)).status, 200);
  const tolerated = await service.openSocket(expired.body.token);
  await tolerated.next("session_ready");
  await setFault(alice.id, "accept_expired", false);
  tolerated.ws.close();
  assert.equal((await tolerated.closed).code, 1005, "the fault kept the expired socket open");
  const other = (await call("POST", "/v1/projects", alice.token, { name: "Other" })).body;
  const session = (await call("POST", "/v1/sessions", alice.token, { project_id: other.id })).body;
  await setFault(alice.id, "default_project");
  const headers = { "x-assay-session": session.id };
  const locked = await call("POST", "/v1/contexts", alice.token, { topic: "t", content: "c" }, headers);
  assert.notEqual(locked.body.project_id, other.id, "the fault routes the session to the default project");
  await setFault(alice.id, "default_project", false);
  const fixed = await call("POST", "/v1/contexts", alice.token, { topic: "t", content: "c" }, headers);
  assert.equal(fixed.body.project_id, other.id);
  const badFault = await call("PUT", "/v1/test-support/faults", admin, {
    user_id: alice.id,
    fault: "x",
    enabled: true,
  });
  assert.equal(badFault.status, 400);
});

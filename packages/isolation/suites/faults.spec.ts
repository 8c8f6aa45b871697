import { expect, test } from "@assay/test";
import {
  assertBolaMatrix,
  assertCleanErrors,
  assertProjectIsolation,
  checkErrorResponse,
  createLeakOracle,
  describeLeak,
  sendRaw,
} from "../src/index.ts";
import { openUserPair, runPairFlows, runUserFlow } from "./userFlow.ts";

// Each test switches a deliberate fault on for one user of its own (the service scopes faults to
// that user) and shows that the check meant to catch it fails and names the route or event.
// The `faults` fixture switches every fault off after the test.

test("leak_events: the leak oracle fails on alice's frames on bob's socket, by ownership and by canary", async ({
  users,
  connectWs,
  faults,
}) => {
  const oracle = createLeakOracle({ annotate: false });
  const { alice, bob, aliceWs, bobWs } = await openUserPair({ users, connectWs });
  oracle.own("bob", bob.id);
  oracle.watchWs("bob", bobWs);
  await expect(bobWs).toReceiveEvent({ type: "session_ready" });
  // The service leaks among the users under this fault only: alice's runs reach bob's socket.
  await Promise.all([faults.enable(alice.id, "leak_events"), faults.enable(bob.id, "leak_events")]);
  const flow = await runUserFlow({ label: "alice", user: alice, ws: aliceWs, oracle, runs: 1 });
  await expect(bobWs).toReceiveEvent({ type: "agent_completed", run_id: flow.run });
  const leaks = oracle.check().leaks.map(describeLeak);
  // agent_thinking carries no canary: only the ownership judgement can catch it.
  expect(leaks).toContain(`bob received alice's id ${flow.run} in WS agent_thinking (run_id)`);
  expect(leaks).toContain(`bob received alice's id ${flow.run} in WS tool_completed (run_id)`);
  expect(() => oracle.assertNoLeaks()).toThrow(
    /bob received alice's canary in WS (tool_executing|tool_completed|agent_completed)/,
  );
});

test("skip_owner_check: the BOLA matrix fails on GET /v1/conversations/:id, and the oracle names the id", async ({
  users,
  connectWs,
  faults,
}) => {
  const oracle = createLeakOracle({ annotate: false });
  const pair = await openUserPair({ users, connectWs });
  const { bob, bobWs } = pair;
  const [victim, own] = await runPairFlows(pair, oracle, 1);
  await faults.enable(bob.id, "skip_owner_check");
  const attacker = { api: oracle.watchApi("bob", bob.api), ws: bobWs };
  await expect(assertBolaMatrix({ attacker, own, victim })).rejects.toThrow(
    /GET \/v1\/conversations\/:id \(user A's conversation id in the path\): HTTP 200/,
  );
  expect(oracle.check().leaks.map(describeLeak)).toContain(
    `bob received alice's id ${victim.conversation} in GET /v1/conversations/:id (id)`,
  );
});

test("default_project: the project isolation check fails on the context routes", async ({
  users,
  connectWs,
  faults,
}) => {
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  await faults.enable(alice.id, "default_project");
  await expect(assertProjectIsolation({ api: alice.api, ws, rounds: 2 })).rejects.toThrow(
    /POST \/v1\/contexts: HTTP 201, locked in the default project[\s\S]*GET \/v1\/contexts\/recall: a context locked in project A was recalled in project B/,
  );
});

test("stack_traces: the error-body scan fails, naming the route and the stack", async ({
  users,
  faults,
  target,
}) => {
  const alice = await users.create();
  await faults.enable(alice.id, "stack_traces");
  const body = '{"title": "unterminated';
  const answer = await sendRaw(
    target.baseURL,
    `POST /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const problems = checkErrorResponse({ where: "POST /v1/conversations (malformed JSON)", ...answer }, "4xx");
  expect(() => assertCleanErrors(problems, 1)).toThrow(
    /POST \/v1\/conversations \(malformed JSON\): the body carries a stack trace/,
  );
});

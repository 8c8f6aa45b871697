import { expect, now, recordLatency, type TestUser, type Users } from "@assay/test";
import { askWs, type WsClient, type WsFixtures } from "@assay/ws";
import type { LeakOracle, OwnedIds } from "../src/index.ts";

/** What one user's flow created: one id of each kind, every run, and every id it saw. */
export interface FlowResult extends OwnedIds {
  runs: string[];
  /** Every id the flow created or was given, for the database-level owner check. */
  ids: string[];
}

type Json = Record<string, unknown>;

/**
 * One user's agent flow, every name and text carrying its canaries, everything it receives
 * watched by the oracle under `label`: a project, a session on it, a locked context (recalled
 * and listed), a conversation in the project and `runs` agent runs whose tool inputs carry a
 * canary (`#tool:echo`), waited for on the user's socket, each run's first-event, tool-call and
 * run latency recorded; then reads of everything it made, a project switch and a replay over the
 * socket.
 *
 * @example
 * const flow = await runUserFlow({ label: "user 1", user, ws, oracle, runs: 3 });
 */
export async function runUserFlow(input: {
  label: string;
  user: TestUser;
  ws: WsClient;
  oracle: LeakOracle;
  runs: number;
}): Promise<FlowResult> {
  const { label, oracle } = input;
  oracle.own(label, input.user.id);
  const api = oracle.watchApi(label, input.user.api);
  const ws = oracle.watchWs(label, input.ws);
  const canary = () => oracle.canary(label);
  const post = async (path: string, data: Json, contract: string, headers?: Record<string, string>) => {
    const response = await api.post(path, { data, headers });
    expect(response.status(), `${label}: POST ${path}`).toBeLessThan(300);
    await expect(response).toMatchContract(contract);
    return (await response.json()) as Json;
  };
  const project = String((await post("/v1/projects", { name: `project ${canary()}` }, "http/project.v1")).id);
  const session = String((await post("/v1/sessions", { project_id: project }, "http/session.v1")).id);
  const inSession = { "x-assay-session": session };
  const topic = `topic ${canary()}`;
  const context = String(
    (
      await post(
        "/v1/contexts",
        { topic, content: `content ${canary()}`, tags: [canary()] },
        "http/context.v1",
        inSession,
      )
    ).id,
  );
  await expect(await api.get("/v1/contexts", { headers: inSession })).toMatchContract("http/context-list.v1");
  const recalled = await api.get(`/v1/contexts/recall?topic=${encodeURIComponent(topic)}`, {
    headers: inSession,
  });
  await expect(recalled).toMatchContract("http/context.v1");
  const conversation = String(
    (
      await post(
        "/v1/conversations",
        { title: `conversation ${canary()}`, project_id: project },
        "http/conversation.v1",
      )
    ).id,
  );
  const runIds: string[] = [];
  const messageIds: string[] = [];
  for (let i = 0; i < input.runs; i += 1) {
    const sentAt = now();
    const accepted = await post(
      `/v1/conversations/${conversation}/messages`,
      { content: `#tool:echo ${canary()}` },
      "http/message-accepted.v1",
    );
    const runId = String((accepted.run as Json).id);
    runIds.push(runId);
    messageIds.push(String((accepted.message as Json).id));
    await expect(ws).toFollowRunGrammar(runId, { tools: 1, terminal: "agent_completed", timeout: 20_000 });
    recordLatency(ws.latency(runId, sentAt));
  }
  for (const runId of runIds) {
    await expect(await api.get(`/v1/runs/${runId}/events`)).toMatchContract("http/run-event-list.v1");
  }
  await expect(await api.get(`/v1/conversations/${conversation}/messages`)).toMatchContract(
    "http/message-list.v1",
  );
  await expect(await api.get("/v1/projects")).toMatchContract("http/project-list.v1");
  await expect(await api.get("/v1/conversations")).toMatchContract("http/conversation-list.v1");
  await expect(await api.get(`/v1/sessions/${session}`)).toMatchContract("http/session.v1");
  const switched = await askWs(ws, { type: "switch_project", project_id: project, id: "flow" });
  await expect(switched).toMatchContract("ws/project-switched.v1");
  const replayed = await askWs(ws, { type: "replay", run_id: runIds[0], id: "flow" });
  await expect(replayed).toMatchContract("ws/replay-done.v1");
  const socketSession = String(((await ws.sessionReady).data as Json).session_id);
  const run = runIds[0] ?? "";
  return {
    project,
    session,
    context,
    conversation,
    run,
    runs: runIds,
    ids: [project, session, socketSession, context, conversation, ...runIds, ...messageIds],
  };
}

/** Alice and Bob, two users of one test, each with an open recorded socket. */
export interface UserPair {
  alice: TestUser;
  bob: TestUser;
  aliceWs: WsClient;
  bobWs: WsClient;
}

/**
 * Creates two users and opens a socket for each, all at once.
 *
 * @example
 * const { alice, bob, aliceWs, bobWs } = await openUserPair({ users, connectWs });
 */
export async function openUserPair(fixtures: {
  users: Users;
  connectWs: WsFixtures["connectWs"];
}): Promise<UserPair> {
  const { users, connectWs } = fixtures;
  const [alice, bob] = await Promise.all([users.create(), users.create()]);
  const [aliceWs, bobWs] = await Promise.all([
    connectWs({ token: alice.token }),
    connectWs({ token: bob.token }),
  ]);
  return { alice, bob, aliceWs, bobWs };
}

/**
 * Runs both users' flows concurrently, each watched by the oracle under its own label
 * (`alice`, `bob`).
 *
 * @example
 * const [a, b] = await runPairFlows(pair, oracle, 2);
 */
export function runPairFlows(
  pair: UserPair,
  oracle: LeakOracle,
  runs: number,
): Promise<[FlowResult, FlowResult]> {
  return Promise.all([
    runUserFlow({ label: "alice", user: pair.alice, ws: pair.aliceWs, oracle, runs }),
    runUserFlow({ label: "bob", user: pair.bob, ws: pair.bobWs, oracle, runs }),
  ]);
}

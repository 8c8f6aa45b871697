import { annotate } from "@assay/contracts";
import { createLeakOracle, LEAK_ANNOTATION } from "@assay/isolation";
import type { McpClient, McpEra } from "../src/index.ts";
import { askTool, callToolOk } from "../src/isolation/callTool.ts";
import { checkHandleOwnership } from "../src/isolation/checkHandleOwnership.ts";
import { assertSessionSwitching, checkSessionSwitching } from "../src/isolation/checkSessionSwitching.ts";
import { findIdLeaks } from "../src/isolation/findIdLeaks.ts";
import { recordMcpExchanges } from "../src/isolation/recordMcpExchanges.ts";
import { expect, test } from "../src/test.ts";

type Owned = { project: string; handle: string; topic: string; conversation: string; run: string };

/** One user's work through MCP, every name and text a canary of theirs; returns the ids it made. */
async function work(client: McpClient, canary: () => string): Promise<Owned> {
  const created = await callToolOk(client, "create_project", { name: canary() });
  const project = String((created.project as { id: string }).id);
  const handle = String(created.project_handle);
  const here = client.era === "stateless" ? { project_handle: handle } : {};
  if (client.era === "session") await callToolOk(client, "switch_project", { project_id: project });
  const topic = canary();
  await callToolOk(client, "lock_context", { ...here, topic, content: canary(), tags: [canary()] });
  const started = await callToolOk(client, "start_conversation", { ...here, title: canary() });
  const conversation = String((started.conversation as { id: string }).id);
  const sent = await callToolOk(client, "send_message", {
    ...here,
    conversation_id: conversation,
    content: canary(),
  });
  const run = String((sent.run as { id: string }).id);
  return { project, handle, topic, conversation, run };
}

for (const era of ["session", "stateless"] as McpEra[]) {
  test(`${era} era: user B's tool results never carry user A's canaries or ids, and A's ids get B errors`, async ({
    mcp,
    users,
    target,
  }) => {
    test.setTimeout(90_000);
    const oracle = createLeakOracle({ runId: target.runId });
    const [alice, bob] = await Promise.all([users.create(), users.create()]);
    // What the fixtures made for each user: the user and its default project (REST, not MCP).
    for (const [label, user] of [
      ["alice", alice],
      ["bob", bob],
    ] as const) {
      const projects = (await (await user.api.get("/v1/projects")).json()) as {
        items: Array<{ id: string }>;
      };
      oracle.own(label, user.id, ...projects.items.map((p) => p.id));
    }
    const [aliceMcp, bobMcp] = await Promise.all([
      mcp.connect({ user: alice, era }),
      mcp.connect({ user: bob, era }),
    ]);
    const [a, b] = await Promise.all([
      work(aliceMcp, () => oracle.canary("alice")),
      work(bobMcp, () => oracle.canary("bob")),
    ]);
    // Bob reads everything he may read, in his own project, including alice's topic by name.
    const here = era === "stateless" ? { project_handle: b.handle } : {};
    for (const [tool, args] of [
      ["list_projects", {}],
      ["current_project", here],
      ["list_contexts", { ...here, limit: 100 }],
      ["get_memory", here],
      ["list_conversations", here],
      ["recall_context", { ...here, topic: a.topic }],
      ["whoami", {}],
    ] as const)
      await callToolOk(bobMcp, tool, args);
    // Then bob names alice's ids: every one of these is an error, never her data.
    const attempts: Array<[string, Record<string, unknown>]> = [
      ["rename_project", { project_id: a.project, name: "taken" }],
      ["switch_project", { project_id: a.project }],
      ["list_messages", { ...here, conversation_id: a.conversation }],
      ["send_message", { ...here, conversation_id: a.conversation, content: "hi", wait_ms: 0 }],
      ["get_run_status", { run_id: a.run }],
      ["list_run_events", { run_id: a.run }],
      ["delete_conversation", { ...here, conversation_id: a.conversation }],
      ["delete_project", { project_id: a.project }],
    ];
    const served: string[] = [];
    for (const [tool, args] of attempts) {
      const answer = await askTool(bobMcp, tool, args);
      if (answer.kind === "data") served.push(`${tool}: bob got data for alice's id`);
    }
    expect(served).toEqual([]);
    recordMcpExchanges(oracle, "alice", aliceMcp);
    expect(recordMcpExchanges(oracle, "bob", bobMcp)).toBeGreaterThan(attempts.length);
    oracle.assertNoLeaks();
    const owners = new Map<string, string>([
      ...[a.project, a.conversation, a.run, alice.id].map((id): [string, string] => [id, "alice"]),
      ...[b.project, b.conversation, b.run, bob.id].map((id): [string, string] => [id, "bob"]),
    ]);
    const leaks = findIdLeaks(owners, [
      { user: "alice", client: aliceMcp },
      { user: "bob", client: bobMcp },
    ]);
    for (const leak of leaks)
      annotate(LEAK_ANNOTATION, `${leak.receiver} received ${leak.owner}'s id in ${leak.where}`);
    expect(leaks).toEqual([]);
  });
}

test("session era: two sessions of one user switching projects concurrently never see each other's contexts", async ({
  mcp,
  users,
  target,
}) => {
  test.setTimeout(90_000);
  const user = await users.create();
  const [one, two] = await Promise.all([
    mcp.connect({ user, era: "session" }),
    mcp.connect({ user, era: "session" }),
  ]);
  const p1 = (await callToolOk(one, "create_project", { name: "session one" })).project as { id: string };
  const p2 = (await callToolOk(two, "create_project", { name: "session two" })).project as { id: string };
  const problems = await checkSessionSwitching({
    sessions: [one, two],
    projects: [p1.id, p2.id],
    rounds: 10,
    tag: `iso-${target.runId}`,
  });
  assertSessionSwitching(problems);
});

test("stateless era: user A's project_handle used by user B is an error in every tool that takes one", async ({
  mcp,
  users,
}) => {
  const [alice, bob] = await Promise.all([users.create(), users.create()]);
  const aliceMcp = await mcp.connect({ user: alice, era: "stateless" });
  const bobMcp = await mcp.connect({ user: bob, era: "stateless" });
  const created = await callToolOk(aliceMcp, "create_project", { name: "alice's" });
  const report = await checkHandleOwnership({
    intruder: bobMcp,
    handle: String(created.project_handle),
    seed: 7,
  });
  expect(report.problems).toEqual([]);
  expect(report.tried.length).toBeGreaterThanOrEqual(5);
  const projectId = (created.project as { id: string }).id;
  expect(findIdLeaks(new Map([[projectId, "alice"]]), [{ user: "bob", client: bobMcp }])).toEqual([]);
});

test("mcp_session_default_project: the session check fails, naming lock_context and the projects", async ({
  mcp,
  users,
  faults,
  target,
}) => {
  const user = await users.create();
  const [one, two] = await Promise.all([
    mcp.connect({ user, era: "session" }),
    mcp.connect({ user, era: "session" }),
  ]);
  const p1 = (await callToolOk(one, "create_project", { name: "one" })).project as { id: string };
  const p2 = (await callToolOk(two, "create_project", { name: "two" })).project as { id: string };
  await faults.enable(user.id, "mcp_session_default_project");
  const problems = await checkSessionSwitching({
    sessions: [one, two],
    projects: [p1.id, p2.id],
    rounds: 2,
    tag: `fault-${target.runId}`,
  });
  expect(() => assertSessionSwitching(problems)).toThrow(
    new RegExp(
      `session 1, round 1: lock_context locked "fault-[^"]+-s1-r0" in project [0-9a-f-]{36}, not in the session's project ${p1.id}`,
    ),
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { isDestructive, planCalls } from "./planCalls.ts";
import { parseTargetConfig } from "./readTargetConfig.ts";

const ro = { readOnlyHint: true };
const tools = [
  { name: "delete_project", annotations: { destructiveHint: true } },
  { name: "rename_project", annotations: { destructiveHint: false } },
  { name: "list_projects", annotations: ro },
  { name: "create_project", annotations: { destructiveHint: false } },
  { name: "health", annotations: ro },
];
const config = parseTargetConfig(
  {
    tools: {
      delete_project: { args_from: { project_id: "create_project#/project_id" } },
      rename_project: { args_from: { project_id: "create_project#/project_id" } },
      list_projects: { after: ["create_project"] },
    },
  },
  "c.json",
);

test("tools run after the tools they take arguments from; destructive tools run last", () => {
  const plan = planCalls(tools, config, "session", false);
  assert.deepEqual(plan.order, [
    "create_project",
    "rename_project",
    "list_projects",
    "health",
    "delete_project",
  ]);
  assert.deepEqual(plan.problems, []);
});

test("on a shared target destructive tools are skipped unless opted in, and so are their dependents", () => {
  const plan = planCalls(tools, config, "session", true);
  assert.deepEqual(plan.order, ["create_project", "rename_project", "list_projects", "health"]);
  assert.equal(
    plan.skipped.get("delete_project"),
    "destructive on a shared target (opt in with call_on_shared_target)",
  );
  const optedIn = parseTargetConfig({ tools: { delete_project: { call_on_shared_target: true } } }, "c.json");
  assert.ok(planCalls(tools, optedIn, "session", true).order.includes("delete_project"));
  const unannotated = planCalls(
    [{ name: "a" }, { name: "b", annotations: ro }],
    parseTargetConfig({ tools: { b: { after: ["a"] } } }, "c"),
    "session",
    true,
  );
  assert.deepEqual(unannotated.order, []);
  assert.equal(unannotated.skipped.get("b"), 'depends on "a", which is not called');
});

test("config skips, unknown tools and cycles are reported", () => {
  const bad = parseTargetConfig(
    { tools: { health: { skip: "flaky upstream" }, ghost: {}, list_projects: { after: ["nope"] }, a: {} } },
    "c.json",
  );
  const plan = planCalls(tools, bad, "session", false);
  assert.equal(plan.skipped.get("health"), "skipped by the config: flaky upstream");
  assert.ok(plan.problems.includes('the config names tool "ghost", which the server does not list'));
  assert.ok(plan.problems.includes('tool "list_projects" depends on "nope", which the server does not list'));
  const cycle = parseTargetConfig({ tools: { a: { after: ["b"] }, b: { after: ["a"] } } }, "c.json");
  const cyclic = planCalls([{ name: "a" }, { name: "b" }, { name: "c" }], cycle, "session", false);
  assert.deepEqual(cyclic.order, ["c"]);
  assert.match(cyclic.problems[0] ?? "", /dependency cycle among: a, b/);
});

test("destructive follows MCP's annotation defaults", () => {
  assert.equal(isDestructive({ name: "x" }), true);
  assert.equal(
    isDestructive({ name: "x", annotations: { readOnlyHint: true, destructiveHint: true } }),
    false,
  );
  assert.equal(isDestructive({ name: "x", annotations: { destructiveHint: false } }), false);
});

test("only the selected tools are called; a selected tool whose source is not selected is skipped", () => {
  const plan = planCalls(tools, config, "session", false, ["health", "rename_project"]);
  assert.deepEqual(plan.order, ["health"]);
  assert.equal(plan.skipped.get("list_projects"), "not selected for this run");
  assert.equal(plan.skipped.get("rename_project"), 'depends on "create_project", which is not called');
});

test("a tool that only runs as a task is not called, and says why", () => {
  const plan = planCalls(
    [
      { name: "research", execution: { taskSupport: "required" } },
      { name: "echo", execution: { taskSupport: "optional" } },
    ],
    parseTargetConfig({}, "c.json"),
    "session",
    false,
  );
  assert.deepEqual(plan.order, ["echo"]);
  assert.match(plan.skipped.get("research") ?? "", /requires task-augmented execution/);
});

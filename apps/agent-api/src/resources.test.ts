import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test as nodeTest } from "node:test";
import { routes } from "./routes.ts";
import { type ChildService, startChildService } from "./startChildService.ts";

// Projects, sessions, contexts and conversations over HTTP, against the real service.
let service: ChildService;
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 15_000 }, fn);

before(async () => {
  service = await startChildService();
});

after(async () => {
  await service.stop();
});

// Characters that need quoting in a PostgreSQL array literal must come back as they went in.
const TAGS = ["t1", 'a,b"c\\d{} ', "NULL", "é😀"];
const withSession = (id: string) => ({ "x-assay-session": id });
/** The error body minus its correlation id: what must be identical for foreign and random ids. */
const errorShape = (body: { error: Record<string, unknown> }) => ({
  ...body.error,
  correlation_id: undefined,
});

// Fails when a user has no Default project first, or the default can be deleted.
test("projects: a Default one first, create, rename, delete; the default cannot be deleted", async () => {
  const { call, createUser } = service;
  const alice = await createUser();
  const listed = await call("GET", "/v1/projects", alice.token);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.items.length, 1);
  const [defaultProject] = listed.body.items;
  assert.deepEqual(Object.keys(defaultProject).sort(), [
    "created_at",
    "id",
    "is_default",
    "name",
    "updated_at",
  ]);
  assert.equal(defaultProject.name, "Default");
  assert.equal(defaultProject.is_default, true);
  const created = await call("POST", "/v1/projects", alice.token, { name: "Research" });
  assert.equal(created.status, 201);
  assert.equal(created.body.is_default, false);
  const renamed = await call("PATCH", `/v1/projects/${created.body.id}`, alice.token, { name: "Renamed" });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, "Renamed");
  const names = (await call("GET", "/v1/projects", alice.token)).body.items.map(
    (p: { name: string }) => p.name,
  );
  assert.deepEqual(names, ["Default", "Renamed"]);
  const refused = await call("DELETE", `/v1/projects/${defaultProject.id}`, alice.token);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, "conflict");
  assert.equal((await call("DELETE", `/v1/projects/${created.body.id}`, alice.token)).status, 204);
  assert.equal((await call("GET", `/v1/projects/${created.body.id}`, alice.token)).status, 404);
});

// Fails when a context lands in, or is recalled from, a project other than the session's.
test("contexts: locked in the session's project, versioned, immutable, recalled there only", async () => {
  const { call, createUser } = service;
  const alice = await createUser();
  const projectA = (await call("POST", "/v1/projects", alice.token, { name: "A" })).body;
  const projectB = (await call("POST", "/v1/projects", alice.token, { name: "B" })).body;
  const onA = (await call("POST", "/v1/sessions", alice.token, { project_id: projectA.id })).body;
  const onB = (await call("POST", "/v1/sessions", alice.token, { project_id: projectB.id })).body;
  assert.equal(onA.project_id, projectA.id);
  const lock = (content: string) =>
    call("POST", "/v1/contexts", alice.token, { topic: "plan", content, tags: TAGS }, withSession(onA.id));
  const first = await lock("version one");
  const second = await lock("version two");
  assert.equal(first.status, 201);
  assert.deepEqual(Object.keys(first.body).sort(), [
    "content",
    "created_at",
    "id",
    "project_id",
    "tags",
    "topic",
    "version",
  ]);
  assert.deepEqual([first.body.version, second.body.version], [1, 2]);
  assert.equal(first.body.project_id, projectA.id);
  assert.deepEqual(first.body.tags, TAGS);
  const recall = (session: string) =>
    call("GET", "/v1/contexts/recall?topic=plan", alice.token, undefined, withSession(session));
  assert.equal((await recall(onA.id)).body.content, "version two");
  assert.equal((await recall(onB.id)).status, 404, "a context of project A is never recalled in B");
  const listed = await call("GET", "/v1/contexts", alice.token, undefined, withSession(onA.id));
  assert.deepEqual(
    listed.body.items.map((c: { version: number }) => c.version),
    [2, 1],
  );
  assert.deepEqual(
    (await call("GET", "/v1/contexts", alice.token, undefined, withSession(onB.id))).body.items,
    [],
  );
  for (const method of ["PUT", "PATCH", "DELETE"]) {
    const answer = await call(method, `/v1/contexts/${first.body.id}`, alice.token, { content: "x" });
    assert.equal(answer.status, 405, method);
    assert.equal(answer.headers.get("allow"), "GET");
  }
  assert.equal((await call("GET", `/v1/contexts/${first.body.id}`, alice.token)).body.content, "version one");
  // Switching one session never moves another.
  const switched = await call("PUT", `/v1/sessions/${onB.id}/project`, alice.token, {
    project_id: projectA.id,
  });
  assert.equal(switched.body.project_id, projectA.id);
  assert.equal((await call("GET", `/v1/sessions/${onA.id}`, alice.token)).body.project_id, projectA.id);
  assert.equal((await recall(onB.id)).body.content, "version two");
});

// Fails when a context route falls back to the default project without a session header.
test("contexts: the session header is required, the content limit is 64 KiB of UTF-8", async () => {
  const { call, createUser } = service;
  const alice = await createUser();
  const session = (await call("POST", "/v1/sessions", alice.token, {})).body;
  const missing = await call("POST", "/v1/contexts", alice.token, { topic: "t", content: "c" });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.code, "validation_failed");
  assert.match(missing.body.error.message, /X-Assay-Session/);
  const lock = (content: string) =>
    call("POST", "/v1/contexts", alice.token, { topic: "t", content }, withSession(session.id));
  assert.equal((await lock("é".repeat(32 * 1024))).status, 201, "exactly 64 KiB of UTF-8");
  const over = await lock(`${"é".repeat(32 * 1024)}x`);
  assert.equal(over.status, 400);
  assert.match(over.body.error.message, /"content"/);
  assert.equal((await lock("")).status, 400);
  assert.equal((await lock("nul \u0000 inside")).status, 400);
});

// Fails when another user's id answers differently from a random one (an existence oracle).
test("another user's ids give the very 404 of a random id, on every id-taking route", async () => {
  const { call, createUser } = service;
  const alice = await createUser();
  const bob = await createUser();
  const project = (await call("POST", "/v1/projects", alice.token, { name: "secret" })).body;
  const session = (await call("POST", "/v1/sessions", alice.token, { project_id: project.id })).body;
  const context = (
    await call("POST", "/v1/contexts", alice.token, { topic: "t", content: "c" }, withSession(session.id))
  ).body;
  const conversation = (await call("POST", "/v1/conversations", alice.token, { title: "x" })).body;
  const bobSession = (await call("POST", "/v1/sessions", bob.token, {})).body;
  const attempts: Array<
    [string, (id: string) => Promise<{ status: number; body: { error: Record<string, unknown> } }>, string]
  > = [
    ["GET project", (id) => call("GET", `/v1/projects/${id}`, bob.token), project.id],
    ["PATCH project", (id) => call("PATCH", `/v1/projects/${id}`, bob.token, { name: "x" }), project.id],
    ["DELETE project", (id) => call("DELETE", `/v1/projects/${id}`, bob.token), project.id],
    ["GET session", (id) => call("GET", `/v1/sessions/${id}`, bob.token), session.id],
    [
      "PUT session",
      (id) => call("PUT", `/v1/sessions/${id}/project`, bob.token, { project_id: project.id }),
      session.id,
    ],
    [
      "PUT session project",
      (id) => call("PUT", `/v1/sessions/${bobSession.id}/project`, bob.token, { project_id: id }),
      project.id,
    ],
    [
      "POST session on project",
      (id) => call("POST", "/v1/sessions", bob.token, { project_id: id }),
      project.id,
    ],
    ["GET context", (id) => call("GET", `/v1/contexts/${id}`, bob.token), context.id],
    [
      "GET contexts by session",
      (id) => call("GET", "/v1/contexts", bob.token, undefined, withSession(id)),
      session.id,
    ],
    [
      "POST conversation in project",
      (id) => call("POST", "/v1/conversations", bob.token, { title: "x", project_id: id }),
      project.id,
    ],
    ["GET conversation", (id) => call("GET", `/v1/conversations/${id}`, bob.token), conversation.id],
  ];
  for (const [label, attempt, foreignId] of attempts) {
    const foreign = await attempt(foreignId);
    const random = await attempt(randomUUID());
    assert.equal(foreign.status, 404, label);
    assert.deepEqual(errorShape(foreign.body), errorShape(random.body), label);
  }
  assert.equal((await call("GET", `/v1/projects/${project.id}`, alice.token)).body.name, "secret");
});

// Fails when a conversation is put in the wrong project.
test("conversations carry project_id: given, else the session's project, else the default", async () => {
  const { call, createUser } = service;
  const alice = await createUser();
  const projects = (await call("GET", "/v1/projects", alice.token)).body.items;
  const other = (await call("POST", "/v1/projects", alice.token, { name: "Other" })).body;
  const session = (await call("POST", "/v1/sessions", alice.token, { project_id: other.id })).body;
  const plain = await call("POST", "/v1/conversations", alice.token, { title: "plain" });
  assert.equal(plain.body.project_id, projects[0].id);
  const viaSession = await call(
    "POST",
    "/v1/conversations",
    alice.token,
    { title: "s" },
    withSession(session.id),
  );
  assert.equal(viaSession.body.project_id, other.id);
  const given = await call("POST", "/v1/conversations", alice.token, {
    title: "g",
    project_id: projects[0].id,
  });
  assert.equal(given.body.project_id, projects[0].id);
  const foreignSession = await call(
    "POST",
    "/v1/conversations",
    alice.token,
    { title: "x" },
    withSession(randomUUID()),
  );
  assert.equal(foreignSession.status, 404, "an unknown session never falls back to the default project");
  // Deleting the project takes its conversations and its sessions with it.
  assert.equal((await call("DELETE", `/v1/projects/${other.id}`, alice.token)).status, 204);
  assert.equal((await call("GET", `/v1/conversations/${viaSession.body.id}`, alice.token)).status, 404);
  assert.equal((await call("GET", `/v1/sessions/${session.id}`, alice.token)).status, 404);
});

// Fails when the listed route table drifts from the code, or a sweep takes users outside its tag.
test("test-support: route listing, short-lived tokens, tagged listing and sweep", async () => {
  const { call, admin } = service;
  const listed = await call("GET", "/v1/test-support/routes", admin);
  const expected = routes.map(({ method, pattern, auth }) => ({ method, pattern, auth }));
  assert.deepEqual(listed.body.items, expected);
  const tag = `sweep-${randomUUID()}`;
  const users = [await service.createUser(tag), await service.createUser(tag)];
  const token = await call("POST", `/v1/test-support/users/${users[0]?.id}/tokens`, admin, {
    expires_in_seconds: 5,
  });
  assert.equal(token.status, 201);
  const left = Date.parse(token.body.expires_at) - Date.now();
  assert.ok(left > 3000 && left <= 5000, `expires in ${left} ms`);
  assert.equal((await call("GET", "/v1/me", token.body.token)).body.id, users[0]?.id);
  const tooLong = await call("POST", `/v1/test-support/users/${users[0]?.id}/tokens`, admin, {
    expires_in_seconds: 3601,
  });
  assert.equal(tooLong.status, 400);
  assert.equal((await call("GET", "/v1/test-support/users?tag_prefix=short", admin)).status, 400);
  assert.equal((await call("DELETE", "/v1/test-support/users?tag_prefix=", admin)).status, 400);
  const before = new Date(Date.now() - 3600_000).toISOString();
  const none = await call("GET", `/v1/test-support/users?tag_prefix=${tag}&created_before=${before}`, admin);
  assert.deepEqual(none.body, { items: [], count: 0 });
  const found = await call("GET", `/v1/test-support/users?tag_prefix=${tag.slice(0, 20)}`, admin);
  assert.equal(found.body.count, 2);
  assert.deepEqual(found.body.items.map((u: { id: string }) => u.id).sort(), users.map((u) => u.id).sort());
  const swept = await call("DELETE", `/v1/test-support/users?tag_prefix=${tag}`, admin);
  assert.deepEqual(swept.body, { deleted: 2 });
  assert.equal((await call("GET", `/v1/test-support/users?tag_prefix=${tag}`, admin)).body.count, 0);
  assert.equal((await call("GET", "/v1/me", users[1]?.token)).status, 401);
});

// Fails when the test-support API signs a token for a user that is not a tagged test user: on a
// staging instance, that is a token for a real user.
test("test-support tokens: 403 not_a_test_user for every subject but a tagged test user", async () => {
  const { call, admin } = service;
  const tester = await service.createUser();
  // Created without a tag, it stands for a real user: the API never marked it as a test user.
  const real = (await call("POST", "/v1/test-support/users", admin, {})).body.user as { id: string };
  const exp = Math.floor(Date.now() / 1000) + 600;
  const claims = (sub?: unknown) => ({
    ...(sub === undefined ? {} : { sub }),
    iss: "assay-agent-api",
    aud: "assay",
    exp,
  });
  const refused: Array<[string, object]> = [
    ["an untagged user", { user_id: real.id, claims: claims(real.id) }],
    ["an untagged user, no subject", { user_id: real.id, claims: claims() }],
    ["an unknown user", { user_id: randomUUID(), claims: claims() }],
    ["a test user named, a real subject", { user_id: tester.id, claims: claims(real.id) }],
    [
      "a test user named, a real subject upper-cased",
      { user_id: tester.id, claims: claims(real.id.toUpperCase()) },
    ],
    ["a test user named, a subject that is no string", { user_id: tester.id, claims: claims(42) }],
  ];
  for (const [label, body] of refused) {
    const answer = await call("POST", "/v1/test-support/tokens", admin, body);
    assert.equal(answer.status, 403, label);
    assert.equal(answer.body.error.code, "not_a_test_user", label);
    assert.deepEqual(Object.keys(answer.body), ["error"], `${label}: nothing but the envelope`);
  }
  const realShort = await call("POST", `/v1/test-support/users/${real.id}/tokens`, admin, {
    expires_in_seconds: 60,
  });
  assert.equal(realShort.status, 403, "a short-lived token for a real user");
  assert.equal(realShort.body.error.code, "not_a_test_user");
  const unnamed = await call("POST", "/v1/test-support/tokens", admin, { claims: claims(tester.id) });
  assert.equal(unnamed.status, 400);
  assert.match(unnamed.body.error.message, /"user_id"/);
  // The test user itself: its own subject (in either case) or none at all.
  for (const sub of [tester.id, tester.id.toUpperCase(), undefined]) {
    const signed = await call("POST", "/v1/test-support/tokens", admin, {
      user_id: tester.id,
      claims: claims(sub),
    });
    assert.equal(signed.status, 201, String(sub));
  }
  const own = await call("POST", "/v1/test-support/tokens", admin, {
    user_id: tester.id,
    claims: claims(tester.id),
  });
  assert.equal((await call("GET", "/v1/me", own.body.token)).body.id, tester.id);
  // Nor may the admin token delete a real user, or switch a fault on for one.
  const deleteReal = await call("DELETE", `/v1/test-support/users/${real.id}`, admin);
  assert.equal(deleteReal.status, 403, "deleting a real user");
  assert.equal(deleteReal.body.error.code, "not_a_test_user");
  const faultReal = await call("PUT", "/v1/test-support/faults", admin, {
    user_id: real.id,
    fault: "stack_traces",
    enabled: true,
  });
  assert.equal(faultReal.status, 403, "a fault for a real user");
  assert.equal(faultReal.body.error.code, "not_a_test_user");
});

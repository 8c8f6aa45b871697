import { annotate, expect, test } from "@assay/test";
import { assertProjectIsolation, createLeakOracle } from "../src/index.ts";

// Fails when one session's project switch moves the other session, when a context locked in
// project A is recalled or listed in project B, or when anything the user receives is not its own.
test("two sessions of one user switch projects concurrently and never drag each other along", async ({
  users,
  connectWs,
}) => {
  const alice = await users.create();
  const oracle = createLeakOracle();
  oracle.own("alice", alice.id);
  const ws = oracle.watchWs("alice", await connectWs({ token: alice.token }));
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  const report = await assertProjectIsolation({
    api: oracle.watchApi("alice", alice.api),
    ws,
    rounds: 20,
    mark: () => oracle.canary("alice"),
  });
  annotate("assay:projects", `${report.switches} concurrent project switches, 0 sessions moved by another`);
  oracle.assertNoLeaks();
});

// Fails when rename, list order or the default project's protection (409 conflict) break.
test("projects: create, rename, list oldest first; the default project cannot be deleted (409 conflict)", async ({
  users,
}) => {
  const alice = await users.create();
  const list = await alice.api.get("/v1/projects");
  await expect(list).toMatchContract("http/project-list.v1");
  const [first] = (await list.json()).items as Array<{ id: string; is_default: boolean }>;
  expect(first?.is_default).toBe(true);
  const created = await alice.api.post("/v1/projects", { data: { name: "side" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const renamed = await alice.api.patch(`/v1/projects/${id}`, { data: { name: "renamed" } });
  await expect(renamed).toMatchContract("http/project.v1");
  expect((await renamed.json()).name).toBe("renamed");
  const refused = await alice.api.delete(`/v1/projects/${first?.id}`);
  expect(refused.status()).toBe(409);
  await expect(refused).toMatchContract("http/error.v1");
  expect((await refused.json()).error.code).toBe("conflict");
  expect((await alice.api.delete(`/v1/projects/${id}`)).status()).toBe(204);
  expect((await alice.api.get(`/v1/projects/${id}`)).status()).toBe(404);
});

// Fails when a locked context can be changed (not 405), or a context route without a session
// (or with an unknown one) falls back to the default project instead of 400 / 404.
test("a locked context is immutable, and context routes never fall back to the default project", async ({
  users,
}) => {
  const alice = await users.create();
  const session = await (await alice.api.post("/v1/sessions", { data: {} })).json();
  const headers = { "x-assay-session": session.id };
  const locked = await (
    await alice.api.post("/v1/contexts", { headers, data: { topic: "t", content: "c" } })
  ).json();
  for (const method of ["PUT", "PATCH", "DELETE"]) {
    const answer = await alice.api.fetch(`/v1/contexts/${locked.id}`, {
      method,
      data: { content: "changed" },
    });
    expect(answer.status(), method).toBe(405);
  }
  const noSession = await alice.api.get("/v1/contexts/recall?topic=t");
  expect(noSession.status()).toBe(400);
  expect((await noSession.json()).error.code).toBe("validation_failed");
  const unknownSession = await alice.api.get("/v1/contexts", {
    headers: { "x-assay-session": crypto.randomUUID() },
  });
  expect(unknownSession.status()).toBe(404);
  expect((await (await alice.api.get(`/v1/contexts/${locked.id}`)).json()).content).toBe("c");
});

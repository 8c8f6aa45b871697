import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { checkOwnerRows, checkServiceRole } from "./checkDatabase.ts";

// A real PostgreSQL engine (PGlite over the wire protocol) whose only role is the superuser
// `postgres`: exactly the misconfiguration checkServiceRole exists to catch.
let db: PGlite;
let server: PGLiteSocketServer;
let url = "";

before(async () => {
  db = await PGlite.create();
  server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
  await server.start();
  url = `postgres://postgres@${server.getServerConn()}/postgres`;
  await db.exec(`
    CREATE TABLE projects (id uuid PRIMARY KEY, owner_id uuid NOT NULL);
    CREATE TABLE messages (id uuid PRIMARY KEY, project_id uuid, owner_id uuid NOT NULL);
    CREATE TABLE audit (id uuid PRIMARY KEY, note text);
  `);
});

after(async () => {
  await server.stop();
  await db.close();
});

test("checkServiceRole names a superuser role and its BYPASSRLS", async () => {
  const { role, problems } = await checkServiceRole(url);
  assert.equal(role, "postgres");
  assert.equal(problems.length, 2);
  assert.match(
    problems[0] ?? "",
    /the service's role "postgres" is a superuser: connect the service as a role/,
  );
  assert.match(problems[1] ?? "", /the service's role "postgres" has BYPASSRLS/);
});

test("checkOwnerRows passes the user's own rows and names a row owned by someone else", async () => {
  const [alice, bob, project, mine, planted] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  await db.query("INSERT INTO projects VALUES ($1, $2)", [project, alice]);
  await db.query("INSERT INTO messages VALUES ($1, $2, $3)", [mine, project, alice]);
  const clean = await checkOwnerRows(url, alice, [project, mine]);
  assert.deepEqual(clean.problems, []);
  assert.equal(clean.rows, 3, "the project row, the message by id and the message by project_id");

  await db.query("INSERT INTO messages VALUES ($1, $2, $3)", [planted, project, bob]);
  const dirty = await checkOwnerRows(url, alice, [project, mine]);
  assert.deepEqual(dirty.problems, [
    `messages.project_id: 1 row(s) with the user's ids carry owner_id ${bob}, not the user's`,
  ]);
});

// Catches a check that passes on nothing: pointed at the wrong database it finds no rows.
test("checkOwnerRows says so when no row refers to the ids (the wrong database)", async () => {
  const { rows, problems } = await checkOwnerRows(url, randomUUID(), [randomUUID()]);
  assert.equal(rows, 0);
  assert.deepEqual(problems, ["no row refers to the flow's ids: is this the database the service uses?"]);
});

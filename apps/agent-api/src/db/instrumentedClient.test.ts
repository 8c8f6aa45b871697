import assert from "node:assert/strict";
import { test } from "node:test";
import { describeSql } from "./instrumentedClient.ts";

test("the operation and main table of the service's SQL", () => {
  assert.deepEqual(describeSql("SELECT id FROM users WHERE id = $1"), {
    operation: "SELECT",
    table: "users",
  });
  assert.deepEqual(describeSql("  INSERT INTO conversations (id) VALUES ($1)"), {
    operation: "INSERT",
    table: "conversations",
  });
  assert.deepEqual(describeSql("UPDATE memory_jobs SET status = 'running'"), {
    operation: "UPDATE",
    table: "memory_jobs",
  });
  assert.deepEqual(describeSql("DELETE FROM users WHERE id = $1"), { operation: "DELETE", table: "users" });
  assert.deepEqual(describeSql("BEGIN"), { operation: "BEGIN", table: null });
  assert.deepEqual(describeSql("WITH x AS (SELECT 1) SELECT * FROM runs"), {
    operation: "SELECT",
    table: "runs",
  });
  assert.deepEqual(describeSql("VACUUM"), { operation: "OTHER", table: null });
});

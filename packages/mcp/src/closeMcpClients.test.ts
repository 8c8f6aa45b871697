import assert from "node:assert/strict";
import { test } from "node:test";
import { closeMcpClients } from "./closeMcpClients.ts";

const client = (name: string, closed: string[], problems: string[] = [], fails = false) => ({
  async close() {
    closed.push(name);
    if (fails) throw new Error(`${name} DELETE timed out`);
  },
  problems: () => problems,
});

test("closes every client newest first and passes when none recorded a problem", async () => {
  const closed: string[] = [];
  await closeMcpClients([
    { client: client("a", closed), judge: true },
    { client: client("b", closed), judge: true },
  ]);
  assert.deepEqual(closed, ["b", "a"]);
});

test("fails the test on problems of judged clients and on failed closes, after closing them all", async () => {
  const closed: string[] = [];
  await assert.rejects(
    closeMcpClients([
      { client: client("a", closed, ["#2 POST tools/list: HTTP 200 body is not JSON"]), judge: true },
      { client: client("b", closed, ["#1 ignored: recorded for the test"]), judge: false },
      { client: client("c", closed, [], true), judge: true },
    ]),
    new Error(
      "[assay/mcp] closing a client failed: c DELETE timed out\n" +
        '1 problem(s) in MCP exchanges (connect with problems: "record" to judge them in the test):\n' +
        "  #2 POST tools/list: HTTP 200 body is not JSON",
    ),
  );
  assert.deepEqual(closed, ["c", "b", "a"]);
});

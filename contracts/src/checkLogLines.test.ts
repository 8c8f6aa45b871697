import assert from "node:assert/strict";
import { test } from "node:test";
import { checkLogLines } from "./checkLogLines.ts";
import { validSamples } from "./samples/contractSamples.ts";

const request = validSamples["logs/request.v1"] as Record<string, unknown>;

test("a clean line of each kind passes and is counted by contract", () => {
  const lines = Object.entries(validSamples)
    .filter(([id]) => id.startsWith("logs/"))
    .map(([, line]) => line as Record<string, unknown>);
  const check = checkLogLines(lines, {
    correlationIds: new Set(["req-42"]),
    secrets: ["a-token-that-is-long"],
  });
  assert.deepEqual(check.problems, []);
  assert.equal(check.checked, 9);
  assert.equal(check.kinds["logs/request.v1"], 1);
});

test("names a token in a line without printing it, a foreign correlation id, an unknown event and a shape error", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
  const lines = [
    { ...request, authorization: `Bearer ${token}` },
    { ...request, correlation_id: "someone-else" },
    { ...request, event: "mystery" },
    { ...request, status: "200" },
  ];
  const check = checkLogLines(lines, { correlationIds: new Set(["req-42"]), secrets: [token] });
  assert.deepEqual(check.problems, [
    "request [req-42]: holds secret #1 of the run (a bearer token or key)",
    "request [req-42]: does not match logs/request.v1: / must NOT have additional properties: 'authorization'",
    "request [someone-else]: does not carry a correlation id of the requests that caused it",
    "mystery [req-42]: no logs/ contract names this event",
    "request [req-42]: does not match logs/request.v1: /status must be integer",
  ]);
  assert.ok(!check.problems.join("\n").includes(token));
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { detectEra } from "./detectEra.ts";

const probe = (status: number, response: unknown, problems: string[] = []) => ({
  response,
  exchange: { status, problems },
});

test("a result is the stateless era; a legacy refusal the session era", () => {
  assert.equal(
    detectEra(probe(200, { jsonrpc: "2.0", id: 1, result: { resultType: "complete" } })).era,
    "stateless",
  );
  assert.deepEqual(
    detectEra(probe(400, { jsonrpc: "2.0", error: { code: -32000, message: "Server not initialized" } })),
    {
      era: "session",
      reason: "server/discover answered HTTP 400 with error -32000",
    },
  );
  assert.equal(detectEra(probe(404, undefined)).era, "session");
  assert.deepEqual(
    detectEra(
      probe(400, {
        jsonrpc: "2.0",
        id: 1,
        error: { code: -32022, message: "x", data: { supported: ["2025-11-25"] } },
      }),
    ),
    { era: "session", reason: 'it does not support 2026-07-28 (supported: ["2025-11-25"])' },
  );
});

test("a modern refusal, a bad token, a 5xx and no answer give no era, saying why", () => {
  assert.deepEqual(
    detectEra(probe(400, { jsonrpc: "2.0", id: 1, error: { code: -32020, message: "Header mismatch" } })),
    {
      era: "none",
      reason: "a modern server refused Assay's server/discover with error -32020: Header mismatch",
    },
  );
  assert.equal(detectEra(probe(401, undefined)).era, "none");
  assert.equal(detectEra(probe(503, undefined)).reason, "HTTP 503 to server/discover");
  assert.deepEqual(
    detectEra(probe(0, undefined, ["POST server/discover: the connection failed: ECONNREFUSED"])),
    {
      era: "none",
      reason: "POST server/discover: the connection failed: ECONNREFUSED",
    },
  );
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { McpExchange } from "../client/McpExchange.ts";
import { judgeRule } from "./judgeRule.ts";
import {
  checkDiscover,
  checkErrorCodes,
  checkGetStream,
  checkIdsEchoed,
  checkNotificationAccepted,
  checkResultTypes,
  checkRpcError,
  checkServerInfo,
  checkSessionId,
  checkStatus,
  checkToolsListStable,
  checkUnsupportedVersion,
  checkVersionNegotiation,
} from "./protocolChecks.ts";
import { PROTOCOL_RULES } from "./protocolRules.ts";

/** A hand-made exchange: a POST of `method` unless told otherwise. */
function exchange(parts: Partial<McpExchange> & { headers?: Headers }): McpExchange {
  return {
    method: "tools/list",
    httpMethod: "POST",
    request: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    requestHeaders: {},
    status: 200,
    headers: new Headers(),
    contentType: "application/json",
    body: "",
    messages: [],
    events: [],
    problems: [],
    ms: 1,
    ...parts,
  };
}

const ok = (id: unknown, result: unknown = { tools: [] }) => ({ jsonrpc: "2.0", id, result });
const err = (id: unknown, code: unknown) => ({ jsonrpc: "2.0", id, error: { code, message: "x" } });

describe("protocol checks fail on hand-made bad exchanges", () => {
  test("checkStatus: an evil Origin served 200 instead of 403", () => {
    assert.deepEqual(checkStatus(exchange({ status: 200 }), 403), [
      "POST tools/list: HTTP 200, expected 403",
    ]);
    assert.deepEqual(checkStatus(exchange({ status: 0 }), [404]), [
      "POST tools/list: HTTP no answer, expected 404",
    ]);
    assert.deepEqual(checkStatus(exchange({ status: 403 }), 403), []);
  });

  test("checkNotificationAccepted: 200, 202 with a body, and a 4xx where none is allowed", () => {
    assert.deepEqual(
      checkNotificationAccepted(exchange({ method: "notifications/cancelled", status: 200 })),
      ["POST notifications/cancelled: HTTP 200, expected 202 with no body"],
    );
    assert.deepEqual(checkNotificationAccepted(exchange({ status: 202, body: '{"ok":true}' })), [
      'POST tools/list: HTTP 202 with a body ({"ok":true}); it MUST have none',
    ]);
    assert.deepEqual(checkNotificationAccepted(exchange({ status: 400 })), [
      "POST tools/list: HTTP 400, expected 202 with no body",
    ]);
    assert.deepEqual(checkNotificationAccepted(exchange({ status: 400 }), { refusalAllowed: true }), []);
    assert.deepEqual(checkNotificationAccepted(exchange({ status: 202 })), []);
  });

  test("checkGetStream: a GET answered 200 JSON or 404 breaks the rule; SSE and 405 keep it", () => {
    assert.deepEqual(checkGetStream(exchange({ httpMethod: "GET", method: "GET", status: 200 })), [
      "GET: HTTP 200 with content-type application/json; expected text/event-stream or 405",
    ]);
    assert.deepEqual(
      checkGetStream(exchange({ httpMethod: "GET", method: "GET", status: 404, contentType: "" })),
      ["GET: HTTP 404 with no content-type; expected text/event-stream or 405"],
    );
    assert.deepEqual(checkGetStream(exchange({ httpMethod: "GET", status: 405 })), []);
    assert.deepEqual(
      checkGetStream(
        exchange({ httpMethod: "GET", status: 200, contentType: "text/event-stream; charset=utf-8" }),
      ),
      [],
    );
  });

  test("checkSessionId: spaces and non-ASCII fail, a missing id is nothing to judge", () => {
    const answer = (id: string) =>
      exchange({ method: "initialize", headers: new Headers({ "mcp-session-id": id }) });
    assert.deepEqual(checkSessionId(answer("a b")), [
      'POST initialize: Mcp-Session-Id "a b" has characters outside 0x21-0x7E',
    ]);
    assert.deepEqual(checkSessionId(exchange({ method: "initialize" })), [
      "POST initialize: no Mcp-Session-Id header to judge",
    ]);
    assert.deepEqual(checkSessionId(answer("1868a90c-7e1f")), []);
  });

  test("checkIdsEchoed: a response with another id, or none, fails; no response at all is nothing to judge", () => {
    assert.deepEqual(
      checkIdsEchoed([
        exchange({ request: { jsonrpc: "2.0", id: "str-1", method: "tools/list" }, messages: [ok(1)] }),
        exchange({
          request: { jsonrpc: "2.0", id: 2, method: "tools/list" },
          messages: [err(undefined, -32600)],
        }),
        exchange({ request: { jsonrpc: "2.0", id: 3, method: "tools/list" }, messages: [ok(3)] }),
      ]),
      [
        'POST tools/list: request id "str-1" answered with id 1',
        "POST tools/list: request id 2 answered with id (none)",
      ],
    );
    assert.deepEqual(checkIdsEchoed([exchange({ messages: [] })]), [
      "no exchange had a request with an id and a response to judge",
    ]);
  });

  test("checkErrorCodes: a fractional or string code fails; no error is nothing to judge", () => {
    assert.deepEqual(
      checkErrorCodes([exchange({ messages: [err(1, -32601.5), err(2, "-32601"), err(3, -32601)] })]),
      [
        "POST tools/list: error code -32601.5 is not an integer",
        'POST tools/list: error code "-32601" is not an integer',
      ],
    );
    assert.deepEqual(checkErrorCodes([exchange({ messages: [ok(1)] })]), ["no error response to judge"]);
  });

  test("checkResultTypes: a result without resultType or with an unknown one fails", () => {
    assert.deepEqual(
      checkResultTypes([
        exchange({
          messages: [
            ok(1, { tools: [] }),
            ok(2, { resultType: "partial" }),
            ok(3, { resultType: "complete" }),
          ],
        }),
      ]),
      ["POST tools/list: result without resultType", 'POST tools/list: result with resultType "partial"'],
    );
    assert.deepEqual(checkResultTypes([exchange({ messages: [err(1, -32601)] })]), ["no result to judge"]);
  });

  test("checkRpcError and checkUnsupportedVersion: the wrong status, code or data each fail", () => {
    assert.deepEqual(checkRpcError(exchange({ status: 200, messages: [err(1, -32600)] }), 404, -32601), [
      "POST tools/list: HTTP 200, expected 404",
      "POST tools/list: error code -32600, expected -32601",
    ]);
    assert.deepEqual(checkRpcError(exchange({ status: 404, body: "Not Found" }), 404, -32601), [
      "POST tools/list: no JSON-RPC error in the answer (Not Found)",
    ]);
    const refused = (data: unknown) =>
      exchange({
        status: 400,
        messages: [{ jsonrpc: "2.0", id: 1, error: { code: -32022, message: "x", data } }],
      });
    assert.deepEqual(
      checkUnsupportedVersion(refused({ supported: [], requested: "1900-01-01" }), "1900-01-01"),
      ["POST tools/list: error.data.supported is [], not a list of versions"],
    );
    assert.deepEqual(checkUnsupportedVersion(refused({ supported: ["1900-01-01"] }), "1900-01-01"), [
      "POST tools/list: error.data.supported lists 1900-01-01, the version it refused",
      'POST tools/list: error.data.requested is undefined, not "1900-01-01"',
    ]);
    assert.deepEqual(
      checkUnsupportedVersion(refused({ supported: ["2026-07-28"], requested: "1900-01-01" }), "1900-01-01"),
      [],
    );
  });

  test("checkToolsListStable: another set always fails, another order only when asked", () => {
    assert.deepEqual(checkToolsListStable(["a", "b", "c"], ["a", "c", "d"]), [
      "the second listing lacks b and adds d",
    ]);
    assert.deepEqual(checkToolsListStable(["a", "b", "c"], ["a", "c", "b"]), []);
    assert.deepEqual(checkToolsListStable(["a", "b", "c"], ["a", "c", "b"], { order: true }), [
      "the order differs from position 2: b, c… then c, b…",
    ]);
    assert.deepEqual(checkToolsListStable([], []), ["both listings are empty: nothing to compare"]);
    // Pages of two different orders: one tool twice, another never.
    assert.deepEqual(checkToolsListStable(["a", "b", "c"], ["a", "b", "a"]), [
      "the second listing names a more than once",
      "the second listing lacks c",
    ]);
  });

  test("checkVersionNegotiation: a supported version not echoed, an unsupported one answered with a foreign one", () => {
    const supported = ["2025-11-25", "2025-06-18"];
    assert.deepEqual(checkVersionNegotiation("2025-06-18", "2025-11-25", supported), [
      'initialize asked for 2025-06-18, which the server supports, and got "2025-11-25"',
    ]);
    assert.deepEqual(checkVersionNegotiation("1999-01-01", "1999-01-01", supported), [
      'initialize asked for 1999-01-01, which the server does not support, and got "1999-01-01", not one of 2025-11-25, 2025-06-18',
    ]);
    assert.deepEqual(checkVersionNegotiation("1999-01-01", "2025-11-25", supported), []);
  });
});

describe("stateless-era checks", () => {
  test("checkDiscover: a refused probe or supportedVersions without 2026-07-28 fail", () => {
    const discover = (status: number, supportedVersions: unknown) =>
      exchange({
        method: "server/discover",
        status,
        messages: [ok(1, { resultType: "complete", supportedVersions })],
      });
    assert.deepEqual(checkDiscover(discover(200, ["2025-11-25"])), [
      'POST server/discover: supportedVersions is ["2025-11-25"], without 2026-07-28',
    ]);
    assert.deepEqual(checkDiscover(exchange({ method: "server/discover", status: 404 })), [
      "POST server/discover: HTTP 404, expected 200",
      "POST server/discover: supportedVersions is undefined, without 2026-07-28",
    ]);
    assert.deepEqual(checkDiscover(undefined), ["no server/discover exchange to judge"]);
    assert.deepEqual(checkDiscover(discover(200, ["2026-07-28"])), []);
  });

  test("checkServerInfo: a result without serverInfo in _meta is named", () => {
    const named = {
      resultType: "complete",
      _meta: { "io.modelcontextprotocol/serverInfo": { name: "s", version: "1" } },
    };
    assert.deepEqual(
      checkServerInfo([exchange({ messages: [ok(1, named), ok(2, { resultType: "complete" })] })]),
      ["POST tools/list: result without _meta io.modelcontextprotocol/serverInfo"],
    );
    assert.deepEqual(checkServerInfo([exchange({ messages: [] })]), ["no result to judge"]);
  });
});

describe("judgeRule", () => {
  test("a MUST breach throws, naming the rule, the breach and the spec", () => {
    assert.throws(
      () => judgeRule(PROTOCOL_RULES["origin-403"], ["POST tools/list: HTTP 200, expected 403"]),
      new Error(
        "[assay/mcp] MUST origin-403 broken: a request whose Origin header is present and invalid gets HTTP 403.\n" +
          "  POST tools/list: HTTP 200, expected 403\n" +
          "  Spec: 2025-11-25 basic/transports §Security Warning 1; 2026-07-28 basic/transports/streamable-http §Security & Endpoint 1",
      ),
    );
  });

  test("a SHOULD breach is a warning, not a failure; a kept rule is held", () => {
    const verdict = judgeRule(PROTOCOL_RULES["tools-list-order"], ["the order differs from position 2"]);
    assert.equal(verdict.held, false);
    assert.match(
      verdict.warning ?? "",
      /^SHOULD tools-list-order broken: .*\n {2}the order differs from position 2\n {2}Spec: /,
    );
    assert.deepEqual(judgeRule(PROTOCOL_RULES["origin-403"], []), {
      rule: "origin-403",
      level: "MUST",
      held: true,
    });
  });
});

import { expect, test } from "@assay/mcp/test";
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
  isRevision,
  judgeRule,
  type McpClient,
  PROTOCOL_RULES as RULES,
  SESSION_REVISIONS,
} from "../src/index.ts";
import { EVIL_ORIGIN, meta, openSession, openStateless, rpc } from "./protocolEras.ts";

// The black-box MUSTs (and a few SHOULDs, as warnings) of the Streamable HTTP transport and the
// base protocol, per era the server speaks. Each test names its rule; judgeRule() records the
// rule and its citation on the test, fails on a MUST breach and warns on a SHOULD breach.
// Every test ends by judging every message it saw against the official schema.

function judgeMessages(...clients: McpClient[]): void {
  judgeRule(
    RULES["messages-valid"],
    clients.flatMap((client) => client.problems()),
  );
}

/** Lists the tools and calls one that needs no arguments, so a successful tools/call is judged too. */
async function callArgumentFreeTool(client: McpClient): Promise<void> {
  const tools = await client.listTools();
  const tool = tools.find(
    (t) => !Array.isArray(t.inputSchema.required) || t.inputSchema.required.length === 0,
  );
  expect(tool, "no tool without required arguments to call").toBeDefined();
  expect(await client.callTool(tool?.name ?? "", {})).toBeToolResult({ isError: false });
}

for (const revision of SESSION_REVISIONS) {
  test.describe(`session era, ${revision}`, () => {
    test("MUST session-id-visible-ascii, notification-202: initialize assigns a visible-ASCII session id; notifications get 202", async ({
      mcp,
    }) => {
      const client = await openSession(mcp, revision);
      const [initialize, initialized] = client.exchanges;
      expect(initialize?.method).toBe("initialize");
      judgeRule(
        RULES["session-id-visible-ascii"],
        initialize === undefined ? ["no initialize"] : checkSessionId(initialize),
      );
      const cancelled = await client.notify("notifications/cancelled", {
        requestId: 1,
        reason: "assay probe",
      });
      judgeRule(
        RULES["notification-202"],
        [initialized, cancelled].flatMap((exchange) =>
          exchange === undefined ? ["no notification"] : checkNotificationAccepted(exchange),
        ),
      );
      judgeMessages(client);
    });

    test("MUST origin-403: a request with an invalid Origin gets 403", async ({ mcp }) => {
      const client = await openSession(mcp, revision);
      const exchange = await client.send({ body: rpc("tools/list"), headers: { Origin: EVIL_ORIGIN } });
      judgeRule(RULES["origin-403"], checkStatus(exchange, 403));
      judgeMessages(client);
    });

    test("MUST unknown-session-404, terminated-session-404: unknown and terminated sessions get 404", async ({
      mcp,
    }) => {
      const client = await openSession(mcp, revision);
      const unknown = await client.send({
        body: rpc("tools/list"),
        headers: { "Mcp-Session-Id": `assay-unknown-${crypto.randomUUID()}` },
      });
      judgeRule(RULES["unknown-session-404"], checkStatus(unknown, 404));
      const ended = await openSession(mcp, revision);
      const sessionId = ended.sessionId ?? "";
      test.skip(sessionId === "", "the server assigns no session ids, so no session can be terminated");
      await ended.close();
      const afterDelete = await client.send({
        body: rpc("tools/list"),
        headers: { "Mcp-Session-Id": sessionId },
      });
      judgeRule(RULES["terminated-session-404"], checkStatus(afterDelete, 404));
      judgeMessages(client, ended);
    });

    test("SHOULD missing-session-400: a request without Mcp-Session-Id gets 400", async ({ mcp }) => {
      const client = await openSession(mcp, revision);
      const exchange = await client.send({ body: rpc("tools/list"), headers: { "Mcp-Session-Id": null } });
      judgeRule(RULES["missing-session-400"], checkStatus(exchange, 400));
      judgeMessages(client);
    });

    test("MUST protocol-version-400: an unsupported MCP-Protocol-Version gets 400", async ({ mcp }) => {
      const client = await openSession(mcp, revision);
      const exchanges = [
        await client.send({ body: rpc("tools/list"), headers: { "MCP-Protocol-Version": "1999-01-01" } }),
        await client.send({ body: rpc("tools/list"), headers: { "MCP-Protocol-Version": "not a version" } }),
      ];
      judgeRule(
        RULES["protocol-version-400"],
        exchanges.flatMap((exchange) => checkStatus(exchange, 400)),
      );
      judgeMessages(client);
    });

    test("MUST get-sse-or-405: GET opens an SSE stream or gets 405", async ({ mcp }) => {
      const client = await openSession(mcp, revision);
      const exchange = await client.send({ httpMethod: "GET" });
      judgeRule(RULES["get-sse-or-405"], checkGetStream(exchange));
      judgeMessages(client);
    });

    test("MUST ids-echoed, error-codes-integer: numeric and string ids come back; errors have integer codes", async ({
      mcp,
    }) => {
      const client = await openSession(mcp, revision);
      await callArgumentFreeTool(client);
      await client.send({ body: rpc("tools/list", undefined, `assay-${revision}-string-id`) });
      await client.request("assay/no-such-method");
      await client.callTool("assay_no_such_tool", {});
      judgeRule(RULES["ids-echoed"], checkIdsEchoed(client.exchanges));
      judgeRule(RULES["error-codes-integer"], checkErrorCodes(client.exchanges));
      judgeMessages(client);
    });

    test("MUST version-negotiation, SHOULD version-latest: initialize echoes a supported version and counters an unsupported one", async ({
      mcp,
    }) => {
      const client = await openSession(mcp, revision);
      const initialize = (version: string) =>
        client.send({
          body: rpc("initialize", {
            protocolVersion: version,
            capabilities: {},
            clientInfo: { name: "assay", version: "0.1.0" },
          }),
          headers: { "Mcp-Session-Id": null, "MCP-Protocol-Version": null },
        });
      const answered = async (version: string) => {
        const exchange = await initialize(version);
        const result = (exchange.messages[0] as { result?: { protocolVersion?: unknown } } | undefined)
          ?.result;
        // Each probe opened a session: end it, as a client that is done with it does.
        const sessionId = exchange.headers.get("mcp-session-id");
        if (sessionId !== null)
          await client.send({ httpMethod: "DELETE", headers: { "Mcp-Session-Id": sessionId } });
        return result?.protocolVersion;
      };
      const supported: string[] = [];
      for (const known of SESSION_REVISIONS) if ((await answered(known)) === known) supported.push(known);
      const countered = await answered("1999-01-01");
      judgeRule(RULES["version-negotiation"], [
        ...checkVersionNegotiation(revision, await answered(revision), supported),
        ...checkVersionNegotiation("1999-01-01", countered, supported),
      ]);
      judgeRule(
        RULES["version-latest"],
        countered === supported[0] || !isRevision(countered)
          ? []
          : [
              `initialize(1999-01-01) was answered ${String(countered)}, not the latest supported ${supported[0]}`,
            ],
      );
      judgeMessages(client);
    });

    test("SHOULD accept-406, content-type-415: a POST without text/event-stream in Accept, or not JSON, is refused", async ({
      mcp,
    }) => {
      const client = await openSession(mcp, revision);
      const accept = await client.send({ body: rpc("tools/list"), headers: { Accept: "application/json" } });
      judgeRule(RULES["accept-406"], checkStatus(accept, 406));
      const text = await client.send({ body: rpc("tools/list"), headers: { "Content-Type": "text/plain" } });
      judgeRule(RULES["content-type-415"], checkStatus(text, 415));
      judgeMessages(client);
    });
  });
}

test.describe("stateless era, 2026-07-28", () => {
  test("MUST discover-present, result-type, request-headers-accepted; SHOULD server-info", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    judgeRule(RULES["discover-present"], checkDiscover(client.exchanges[0]));
    const tools = await client.listTools();
    const tool = tools[0];
    expect(tool, "the server lists no tool to call").toBeDefined();
    // The client mirrors method and name into Mcp-Method / Mcp-Name on every request.
    const call = await client.callTool(tool?.name ?? "", {});
    judgeRule(RULES["request-headers-accepted"], [
      ...client.exchanges.flatMap((exchange) => checkStatus(exchange, 200)),
      ...(call.exchange.requestHeaders["Mcp-Name"] === tool?.name
        ? []
        : ["tools/call went without Mcp-Name"]),
    ]);
    judgeRule(RULES["result-type"], checkResultTypes(client.exchanges));
    judgeRule(RULES["server-info"], checkServerInfo(client.exchanges));
    judgeMessages(client);
  });

  test("MUST origin-403: a request with an invalid Origin gets 403", async ({ mcp }) => {
    const client = await openStateless(mcp);
    const exchange = await client.send({
      body: rpc("tools/list", { _meta: meta() }),
      headers: { Origin: EVIL_ORIGIN },
    });
    judgeRule(RULES["origin-403"], checkStatus(exchange, 403));
    judgeMessages(client);
  });

  test("MUST unsupported-version-error: an unknown version gets 400 with UnsupportedProtocolVersionError", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    const exchange = await client.send({
      body: rpc("tools/list", { _meta: meta("1900-01-01") }),
      headers: { "MCP-Protocol-Version": "1900-01-01" },
    });
    judgeRule(RULES["unsupported-version-error"], checkUnsupportedVersion(exchange, "1900-01-01"));
    await expect(exchange.messages[0]).toMatchContract("mcp/2026-07-28/UnsupportedProtocolVersionError");
    judgeMessages(client);
  });

  test("MUST header-mismatch-400: MCP-Protocol-Version, Mcp-Method or Mcp-Name unlike the body gets 400 HeaderMismatch", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    const [tool] = await client.listTools();
    const call = () => rpc("tools/call", { name: tool?.name ?? "", arguments: {}, _meta: meta() });
    const exchanges = [
      await client.send({
        body: rpc("tools/list", { _meta: meta() }),
        headers: { "MCP-Protocol-Version": "2025-11-25" },
      }),
      await client.send({
        body: rpc("tools/list", { _meta: meta() }),
        headers: { "Mcp-Method": "tools/call" },
      }),
      await client.send({ body: rpc("tools/list", { _meta: meta() }), headers: { "Mcp-Method": null } }),
      await client.send({ body: call(), headers: { "Mcp-Name": "assay_other_tool" } }),
      await client.send({ body: call(), headers: { "Mcp-Name": null } }),
    ];
    judgeRule(
      RULES["header-mismatch-400"],
      exchanges.flatMap((exchange) => checkRpcError(exchange, 400, -32020)),
    );
    judgeMessages(client);
  });

  test("MUST missing-meta-400, unknown-method-404: a request without required _meta gets 400 -32602; an unknown method 404 -32601", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    const withoutCapabilities = { "io.modelcontextprotocol/protocolVersion": "2026-07-28" };
    const missing = await client.send({ body: rpc("tools/list", { _meta: withoutCapabilities }) });
    judgeRule(RULES["missing-meta-400"], checkRpcError(missing, 400, -32602));
    const unknown = await client.request("assay/no-such-method");
    judgeRule(RULES["unknown-method-404"], checkRpcError(unknown.exchange, 404, -32601));
    judgeMessages(client);
  });

  test("MUST notification-202, ids-echoed, error-codes-integer: notifications, string ids, error codes", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    const notification = await client.notify("notifications/cancelled", {
      requestId: 1,
      reason: "assay probe",
    });
    judgeRule(RULES["notification-202"], checkNotificationAccepted(notification, { refusalAllowed: true }));
    await client.send({ body: rpc("tools/list", { _meta: meta() }, "assay-stateless-string-id") });
    await client.callTool("assay_no_such_tool", {});
    await client.request("assay/no-such-method");
    judgeRule(RULES["ids-echoed"], checkIdsEchoed(client.exchanges));
    judgeRule(RULES["error-codes-integer"], checkErrorCodes(client.exchanges));
    judgeMessages(client);
  });

  test("MUST tools-list-same-set, SHOULD tools-list-order: two connections of one user list the same tools in one order", async ({
    mcp,
    users,
  }) => {
    const user = await users.create();
    const first = await mcp.connect({ era: "stateless", user, problems: "record" });
    const second = await mcp.connect({ era: "stateless", user, problems: "record" });
    const names = async (client: McpClient) => (await client.listTools()).map((tool) => tool.name);
    const [a, b] = [await names(first), await names(second)];
    judgeRule(RULES["tools-list-same-set"], checkToolsListStable(a, b));
    judgeRule(RULES["tools-list-order"], checkToolsListStable(a, b, { order: true }));
    judgeMessages(first, second);
  });

  test("SHOULD accept-406, content-type-415: a POST without text/event-stream in Accept, or not JSON, is refused", async ({
    mcp,
  }) => {
    const client = await openStateless(mcp);
    const accept = await client.send({
      body: rpc("tools/list", { _meta: meta() }),
      headers: { Accept: "application/json" },
    });
    judgeRule(RULES["accept-406"], checkStatus(accept, 406));
    const text = await client.send({
      body: rpc("tools/list", { _meta: meta() }),
      headers: { "Content-Type": "text/plain" },
    });
    judgeRule(RULES["content-type-415"], checkStatus(text, 415));
    judgeMessages(client);
  });
});

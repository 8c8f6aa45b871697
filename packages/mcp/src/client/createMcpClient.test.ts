import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMcpClient } from "./createMcpClient.ts";
import { type Rpc, resultFor, sessionServer, statelessServer } from "./scriptedMcp.ts";
import { type ScriptedRequest, startScriptedMcpServer } from "./startScriptedMcpServer.ts";

async function withServer<T>(
  script: Parameters<typeof startScriptedMcpServer>[0],
  run: (url: string, requests: ScriptedRequest[]) => Promise<T>,
): Promise<T> {
  const server = await startScriptedMcpServer(script);
  try {
    return await run(server.url, server.requests);
  } finally {
    await server.close();
  }
}

const rpcOf = (req: ScriptedRequest) => req.json as Rpc;

describe("createMcpClient, session era", () => {
  test("auto: server/discover is refused, so it initializes, keeps the session and closes it", async () => {
    await withServer(sessionServer(), async (url, requests) => {
      const client = await createMcpClient({ url, token: "secret-token" });
      assert.equal(client.era, "session");
      assert.equal(client.protocolVersion, "2025-11-25");
      assert.equal(client.sessionId, "session-1");
      const tools = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ["health", "create_project"],
      );
      const { response } = await client.callTool("health", {});
      assert.deepEqual(response.result.structuredContent, { status: "healthy" });
      await client.close();
      assert.deepEqual(client.problems(), []);
      assert.deepEqual(
        requests.map((r) => `${r.method} ${rpcOf(r)?.method ?? ""}`.trim()),
        [
          "POST server/discover",
          "POST initialize",
          "POST notifications/initialized",
          "POST tools/list",
          "POST tools/list",
          "POST tools/call",
          "DELETE",
        ],
      );
      const [, init, initialized, list] = requests;
      assert.equal(
        init?.headers["mcp-protocol-version"],
        undefined,
        "initialize declares its version in the body",
      );
      assert.equal(init?.headers.accept, "application/json, text/event-stream");
      assert.equal(init?.headers.authorization, "Bearer secret-token");
      assert.equal(initialized?.headers["mcp-session-id"], "session-1");
      assert.equal(list?.headers["mcp-protocol-version"], "2025-11-25");
      assert.equal(requests.at(-1)?.headers["mcp-session-id"], "session-1");
      // The SSE answer to tools/list: a priming event, then the response.
      assert.equal(client.exchanges[3]?.events.length, 2);
      assert.equal(client.exchanges[3]?.messages.length, 1);
      assert.equal(client.exchanges[0]?.requestHeaders.Authorization, "Bearer …");
    });
  });

  test("speaks the revision the server answers to initialize, and checks against its schema", async () => {
    await withServer(
      sessionServer(() => undefined, "2025-06-18"),
      async (url) => {
        const client = await createMcpClient({ url, era: "session" });
        assert.equal(client.protocolVersion, "2025-06-18");
        await client.listTools();
        assert.deepEqual(client.problems(), []);
        assert.equal(client.exchanges[0]?.method, "initialize", "era: session skips the probe");
      },
    );
  });

  test("a session id outside visible ASCII and a notification not answered 202 are problems", async () => {
    await withServer(
      sessionServer((_req, rpc) => {
        if (rpc?.method === "initialize") {
          return {
            headers: { "Mcp-Session-Id": "bad id" },
            body: { jsonrpc: "2.0", id: rpc.id, result: resultFor(rpc, "session") },
          };
        }
        if (rpc?.method === "notifications/initialized") return { status: 200, body: { ok: true } };
        return undefined;
      }),
      async (url) => {
        const client = await createMcpClient({ url, era: "session" });
        assert.deepEqual(client.problems(), [
          '#1 POST initialize: Mcp-Session-Id "bad id" has characters outside visible ASCII (0x21-0x7E)',
          '#2 received message: not a JSON-RPC request, notification or response: {"ok":true}',
          "#2 POST notifications/initialized: HTTP 200 with a body; an accepted notification MUST get 202 with no body",
        ]);
      },
    );
  });
});

describe("createMcpClient, stateless era", () => {
  test("auto: server/discover answers, so every request carries _meta and the mirrored headers", async () => {
    await withServer(statelessServer(), async (url, requests) => {
      const client = await createMcpClient({ url });
      assert.equal(client.era, "stateless");
      assert.equal(client.protocolVersion, "2026-07-28");
      assert.equal(client.sessionId, undefined);
      await client.listTools();
      await client.callTool("create_project", { name: "Été 2026" });
      await client.close();
      assert.deepEqual(client.problems(), []);
      for (const request of requests) {
        const rpc = rpcOf(request);
        assert.equal(request.headers["mcp-protocol-version"], "2026-07-28");
        assert.equal(request.headers["mcp-method"], rpc.method);
        assert.deepEqual(rpc.params?._meta, {
          "io.modelcontextprotocol/protocolVersion": "2026-07-28",
          "io.modelcontextprotocol/clientInfo": { name: "assay", version: "0.1.0" },
          "io.modelcontextprotocol/clientCapabilities": {},
        });
      }
      const call = requests.at(-1);
      assert.equal(call?.headers["mcp-name"], "create_project");
      // x-mcp-header on the name parameter; not plain ASCII, so base64 (Value Encoding).
      assert.equal(
        call?.headers["mcp-param-project-name"],
        `=?base64?${Buffer.from("Été 2026").toString("base64")}?=`,
      );
      assert.equal(requests.length, 4, "no DELETE without a session");
    });
  });

  test("a result without resultType, an unknown resultType and an id not echoed are problems", async () => {
    let calls = 0;
    await withServer(
      statelessServer((_req, rpc) => {
        if (rpc?.method !== "tools/call") return undefined;
        calls += 1;
        const result = resultFor(rpc, "stateless");
        if (calls === 1)
          return { body: { jsonrpc: "2.0", id: rpc.id, result: { ...result, resultType: undefined } } };
        if (calls === 2)
          return { body: { jsonrpc: "2.0", id: rpc.id, result: { ...result, resultType: "partial" } } };
        return { body: { jsonrpc: "2.0", id: 999, result } };
      }),
      async (url) => {
        const client = await createMcpClient({ url, era: "stateless" });
        await client.callTool("health", {});
        await client.callTool("health", {});
        const third = await client.callTool("health", {});
        assert.equal(third.response, undefined);
        assert.deepEqual(client.problems(), [
          "#2 received tools/call result: mcp/2026-07-28/JSONRPCResultResponse /result must have required property 'resultType'",
          "#2 received tools/call result: mcp/2026-07-28/CallToolResultResponse /result must have required property 'resultType'",
          "#2 received tools/call result: mcp/2026-07-28/CallToolResultResponse /result must match a schema in anyOf",
          '#3 received tools/call result: resultType "partial" is neither "complete" nor "input_required"',
          "#4 POST tools/call: the response carries id 999, not the request's id 4 (ids MUST be echoed)",
        ]);
      },
    );
  });

  test("bodies that do not parse are problems, never answers", async () => {
    let calls = 0;
    await withServer(
      statelessServer((_req, rpc) => {
        if (rpc?.method !== "tools/call") return undefined;
        calls += 1;
        if (calls === 1)
          return { status: 200, headers: { "Content-Type": "application/json" }, body: '{"jsonrpc":' };
        if (calls === 2) return { sse: ["data: {not json}\n\n"] };
        if (calls === 3) return { status: 200, headers: { "Content-Type": "text/plain" }, body: "ok" };
        return { status: 500, headers: { "Content-Type": "text/plain" }, body: "Internal Server Error" };
      }),
      async (url) => {
        const client = await createMcpClient({ url, era: "stateless" });
        for (let i = 0; i < 4; i++) assert.equal((await client.callTool("health", {})).response, undefined);
        const problems = client.problems();
        assert.match(
          problems[0] ?? "",
          /^#2 POST tools\/call: HTTP 200 body is not JSON \(.*\): \{"jsonrpc":$/,
        );
        assert.equal(problems[1], "#2 POST tools/call: no JSON-RPC response to request id 2 (HTTP 200)");
        assert.match(
          problems[2] ?? "",
          /^#3 POST tools\/call: SSE event 1 data is not JSON \(.*\): \{not json\}$/,
        );
        assert.equal(
          problems[4],
          "#4 POST tools/call: HTTP 200 with content-type text/plain, not application/json or text/event-stream: ok",
        );
        assert.equal(problems[6], "#5 POST tools/call: no JSON-RPC response to request id 5 (HTTP 500)");
        assert.equal(problems.length, 7);
      },
    );
  });

  test("a server that never answers is a problem after the timeout, not a hang", async () => {
    await withServer(
      statelessServer((_req, rpc) =>
        rpc?.method === "tools/call" ? { sse: [], keepOpen: true } : undefined,
      ),
      async (url) => {
        const client = await createMcpClient({ url, era: "stateless", timeoutMs: 300 });
        const { response, exchange } = await client.callTool("health", {});
        assert.equal(response, undefined);
        assert.equal(
          exchange.problems[0],
          "POST tools/call: no complete answer within 300 ms (HTTP 200, body cut)",
        );
      },
    );
  });
});

describe("createMcpClient, connecting", () => {
  test("says why it cannot connect: refused connection, a bad token, an unknown revision", async () => {
    const gone = await startScriptedMcpServer(() => ({}));
    await gone.close();
    await assert.rejects(
      createMcpClient({ url: gone.url, timeoutMs: 2000 }),
      new Error(
        `[assay/mcp] Cannot connect to ${gone.url}: POST server/discover: the connection failed: ECONNREFUSED`,
      ),
    );
    await withServer(
      () => ({ status: 401, body: { error: { code: "unauthorized", message: "No token." } } }),
      async (url) => {
        await assert.rejects(createMcpClient({ url }), /HTTP 401 to server\/discover; check the token/);
        await assert.rejects(
          createMcpClient({ url, era: "session" }),
          /initialize at .* failed: HTTP 401 \(check the token/,
        );
      },
    );
    await assert.rejects(
      createMcpClient({ url: "http://127.0.0.1:9/mcp", protocolVersion: "2024-11-05" }),
      /protocolVersion "2024-11-05" is not a revision Assay speaks/,
    );
    await assert.rejects(
      createMcpClient({ url: "http://127.0.0.1:9/mcp", protocolVersion: "2026-07-28", era: "session" }),
      /protocolVersion 2026-07-28 belongs to the stateless era, not session/,
    );
  });

  test("era stateless against a session-only server says so", async () => {
    await withServer(sessionServer(), async (url) => {
      await assert.rejects(
        createMcpClient({ url, era: "stateless" }),
        /does not speak the stateless era \(2026-07-28\): server\/discover answered HTTP 400 with error -32000/,
      );
    });
  });
});

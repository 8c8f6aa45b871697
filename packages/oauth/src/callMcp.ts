import { type Exchange, type HttpAnswer, httpExchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";

/** What the MCP endpoint answered with the token. */
export interface McpCall {
  protocolVersion: string | undefined;
  serverName: string | undefined;
  /** The tool's result, when one was called. */
  toolResult: { isError?: boolean; structuredContent?: unknown; content?: unknown } | undefined;
}

const VERSION = "2025-11-25";

function message(
  answer: HttpAnswer,
): { result?: Record<string, unknown>; error?: { code: number; message: string } } | undefined {
  if (answer.json !== undefined) return answer.json as ReturnType<typeof message>;
  // An SSE body: the response is the last `data:` line.
  const data = answer.text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trim())
    .filter((line) => line !== "")
    .at(-1);
  return data === undefined ? undefined : (JSON.parse(data) as ReturnType<typeof message>);
}

/**
 * Uses an access token at the MCP endpoint the way an MCP client starts (plain JSON-RPC over
 * Streamable HTTP, session era): `initialize`, `notifications/initialized`, optionally one
 * `tools/call`, then `DELETE` of the session. Every request carries the token; anything but a
 * JSON-RPC result is an {@link OauthFlowError} at step `mcp`.
 *
 * @example
 * const { serverName } = await callMcp(mcpUrl, tokens.access_token, { tool: { name: "whoami", arguments: {} } });
 */
export async function callMcp(
  mcpUrl: string,
  accessToken: string,
  options: { tool?: { name: string; arguments: Record<string, unknown> }; log?: Exchange[] } = {},
): Promise<McpCall> {
  const log = options.log ?? [];
  const headers: Record<string, string> = {
    authorization: `Bearer ${accessToken}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  const post = async (body: object) =>
    httpExchange(log, mcpUrl, { method: "POST", headers, body: JSON.stringify(body) });
  const initialized = await post({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: VERSION,
      capabilities: {},
      clientInfo: { name: "assay-oauth", version: "0.1.0" },
    },
  });
  const init = message(initialized);
  if (initialized.status !== 200 || init?.result === undefined) {
    throw new OauthFlowError(
      "mcp",
      `initialize with the token answered ${initialized.status}${init?.error ? ` ${init.error.message}` : ""}, expected 200 with a result`,
      {
        status: initialized.status,
      },
    );
  }
  const sessionId = initialized.headers.get("mcp-session-id");
  if (sessionId !== null) headers["mcp-session-id"] = sessionId;
  const negotiated = typeof init.result.protocolVersion === "string" ? init.result.protocolVersion : VERSION;
  headers["mcp-protocol-version"] = negotiated;
  await post({ jsonrpc: "2.0", method: "notifications/initialized" });
  let toolResult: McpCall["toolResult"];
  try {
    if (options.tool !== undefined) {
      const called = await post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: options.tool });
      const answer = message(called);
      if (called.status !== 200 || answer?.result === undefined) {
        throw new OauthFlowError(
          "mcp",
          `tools/call ${options.tool.name} answered ${called.status}, expected 200 with a result`,
          {
            status: called.status,
          },
        );
      }
      toolResult = answer.result as McpCall["toolResult"];
    }
  } finally {
    if (sessionId !== null) await httpExchange(log, mcpUrl, { method: "DELETE", headers });
  }
  const info = init.result.serverInfo as { name?: unknown } | undefined;
  return {
    protocolVersion: negotiated,
    serverName: typeof info?.name === "string" ? info.name : undefined,
    toolResult,
  };
}

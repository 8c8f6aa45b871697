import { test } from "@playwright/test";
import { type McpClient, type McpRevision, STATELESS_REVISION } from "../src/index.ts";
import type { McpConnector } from "../src/mcpTest.ts";

/** An Origin no MCP server should trust: a page on another site (DNS rebinding). */
export const EVIL_ORIGIN = "https://evil.example";

let nextId = 1000;

/** A JSON-RPC request body with a fresh id, for `client.send()`. */
export function rpc(method: string, params?: Record<string, unknown>, id: number | string = nextId++) {
  return { jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) };
}

/** The `_meta` a 2026-07-28 request carries, for bodies sent by hand. */
export function meta(version: string = STATELESS_REVISION): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": version,
    "io.modelcontextprotocol/clientInfo": { name: "assay", version: "0.1.0" },
    "io.modelcontextprotocol/clientCapabilities": {},
  };
}

/**
 * Opens a session at `revision`, problems recorded for the test to judge. A server that answers
 * initialize with another revision does not speak this one: the test is skipped saying so
 * (the suite checks the eras a server supports; the reference supports all three).
 */
export async function openSession(mcp: McpConnector, revision: McpRevision): Promise<McpClient> {
  const client = await mcp.connect({ era: "session", protocolVersion: revision, problems: "record" });
  test.skip(
    client.protocolVersion !== revision,
    `the server answered initialize(${revision}) with ${client.protocolVersion}: it does not speak ${revision}`,
  );
  return client;
}

/** A stateless (2026-07-28) client, problems recorded; skipped when the server is session-only. */
export async function openStateless(mcp: McpConnector): Promise<McpClient> {
  try {
    return await mcp.connect({ era: "stateless", problems: "record" });
  } catch (error) {
    const message = (error as Error).message;
    test.skip(message.includes("does not speak the stateless era"), message);
    throw error;
  }
}

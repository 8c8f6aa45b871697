import type { McpEra } from "../protocol/revisions.ts";
import type { McpExchange } from "./McpExchange.ts";

/** What a `server/discover` probe says about the server. */
export type EraOutcome = { era: McpEra; reason: string } | { era: "none"; reason: string };

// Errors only a 2026-07-28 server sends: HeaderMismatch, MissingRequiredClientCapability.
const MODERN_REJECTIONS = new Set([-32020, -32021]);
const UNSUPPORTED_VERSION = -32022;

/**
 * Reads the era from the answer to a `server/discover` probe, as the 2026-07-28 transport's
 * Backward Compatibility section says: a result means stateless; a recognised modern error
 * means a modern server (a wrong request, or a version it lacks); any other 4xx means a legacy,
 * session-era server. No answer, 5xx, 401 and 403 mean no era can be had.
 *
 * @example
 * const outcome = detectEra(await client.request("server/discover"));
 * if (outcome.era === "session") await initialize();
 */
export function detectEra(probe: {
  // biome-ignore lint/suspicious/noExplicitAny: a JSON-RPC response of any shape.
  response: any;
  exchange: Pick<McpExchange, "status" | "problems">;
}): EraOutcome {
  const { response, exchange } = probe;
  const { status } = exchange;
  if (status === 0) return { era: "none", reason: exchange.problems[0] ?? "no answer" };
  if (status === 401 || status === 403) {
    return {
      era: "none",
      reason: `HTTP ${status} to server/discover; check the token (ASSAY_MCP_TOKEN or the test user's)`,
    };
  }
  if (status >= 500) return { era: "none", reason: `HTTP ${status} to server/discover` };
  if (response?.result !== undefined)
    return { era: "stateless", reason: "server/discover answered a result" };
  const code = response?.error?.code;
  if (code === UNSUPPORTED_VERSION) {
    const supported = response.error.data?.supported;
    return {
      era: "session",
      reason: `it does not support 2026-07-28 (supported: ${JSON.stringify(supported)})`,
    };
  }
  if (MODERN_REJECTIONS.has(code)) {
    return {
      era: "none",
      reason: `a modern server refused Assay's server/discover with error ${code}: ${response.error.message}`,
    };
  }
  return {
    era: "session",
    reason: `server/discover answered HTTP ${status}${code === undefined ? "" : ` with error ${code}`}`,
  };
}

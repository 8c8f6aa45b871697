/** The `_meta` envelope every 2026-07-28 request carries. */
export const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "agent-api-tests", version: "1.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};

/** One HTTP exchange with `/mcp`, as the tests read it. */
export type RawAnswer = {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or the last `data:` of an SSE body; null when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
  json: any;
};

/** A raw MCP client for the service's own tests: plain fetch, every header in sight. */
export type RawMcpClient = {
  post: (message: object, headers?: Record<string, string>) => Promise<RawAnswer>;
  send: (method: string, init: RequestInit) => Promise<RawAnswer>;
  /** A request with the next id; `params` gets the era's `_meta` (stateless) or none (session). */
  request: (
    method: string,
    params?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<RawAnswer>;
  /** tools/call; resolves the JSON-RPC result (or throws on a JSON-RPC error). */
  // biome-ignore lint/suspicious/noExplicitAny: the result's shape is what the tests assert
  call: (name: string, args?: Record<string, unknown>) => Promise<any>;
  sessionId: string | null;
};

function parse(text: string, contentType: string): unknown {
  if (text === "") return null;
  if (contentType.includes("text/event-stream")) {
    const data = text
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trim())
      .filter((line) => line !== "");
    return data.length === 0 ? null : JSON.parse(data.at(-1) as string);
  }
  return JSON.parse(text);
}

/**
 * Opens a raw client: `session` sends `initialize` (+ `notifications/initialized`) and then the
 * `Mcp-Session-Id`; `stateless` sends the 2026-07-28 headers and `_meta` on every request.
 * @example const mcp = await rawMcpClient(base, token, { era: "stateless" }); await mcp.call("health");
 */
export async function rawMcpClient(
  base: string,
  token: string | null,
  opts: { era: "session" | "stateless"; version?: string },
): Promise<RawMcpClient> {
  let nextId = 1;
  const version = opts.version ?? (opts.era === "stateless" ? "2026-07-28" : "2025-11-25");
  const client: RawMcpClient = {
    sessionId: null,
    async send(method, init) {
      const headers = new Headers(init.headers);
      if (token !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
      const response = await fetch(`${base}/mcp`, { ...init, method, headers });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        json: parse(text, response.headers.get("content-type") ?? ""),
      };
    },
    async post(message, headers = {}) {
      const common: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": version,
      };
      if (client.sessionId !== null) common["mcp-session-id"] = client.sessionId;
      return client.send("POST", { headers: { ...common, ...headers }, body: JSON.stringify(message) });
    },
    async request(method, params = {}, headers = {}) {
      const withMeta = opts.era === "stateless" ? { ...params, _meta: MODERN_META } : params;
      const mirrored: Record<string, string> = opts.era === "stateless" ? { "mcp-method": method } : {};
      if (opts.era === "stateless" && typeof params.name === "string") mirrored["mcp-name"] = params.name;
      return client.post(
        { jsonrpc: "2.0", id: nextId++, method, params: withMeta },
        { ...mirrored, ...headers },
      );
    },
    async call(name, args = {}) {
      const answer = await client.request("tools/call", { name, arguments: args });
      if (answer.status !== 200 || answer.json?.error !== undefined)
        throw new Error(`tools/call ${name}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      return answer.json.result;
    },
  };
  if (opts.era === "session") {
    const init = await client.post({
      jsonrpc: "2.0",
      id: nextId++,
      method: "initialize",
      params: {
        protocolVersion: version,
        capabilities: {},
        clientInfo: { name: "agent-api-tests", version: "1.0.0" },
      },
    });
    if (init.status !== 200) throw new Error(`initialize: HTTP ${init.status} ${init.text.slice(0, 300)}`);
    client.sessionId = init.headers.get("mcp-session-id");
    const initialized = await client.post({ jsonrpc: "2.0", method: "notifications/initialized" });
    if (initialized.status !== 202) throw new Error(`notifications/initialized: HTTP ${initialized.status}`);
  }
  return client;
}

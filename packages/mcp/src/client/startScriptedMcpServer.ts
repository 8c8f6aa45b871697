import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One HTTP request the scripted server received. */
export type ScriptedRequest = {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed, when it was JSON. */
  json: unknown;
};

/** What the script answers: a status, headers and a body (an object is sent as JSON). */
export type ScriptedAnswer = {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** SSE events to write (each an object sent as `data:` JSON, or a raw string written as is). */
  sse?: unknown[];
  /** Keep an SSE answer open after the events (a GET stream). */
  keepOpen?: boolean;
};

export type ScriptedMcpServer = {
  url: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
};

/**
 * Test support (not exported): a real HTTP server on 127.0.0.1:0 playing an MCP endpoint. Each
 * request goes to `script`, which answers with a status, headers and a JSON or SSE body; every
 * request is recorded.
 *
 * @example
 * const server = await startScriptedMcpServer((req) => ({ body: { jsonrpc: "2.0", id: (req.json as { id: number }).id, result: {} } }));
 */
export async function startScriptedMcpServer(
  script: (request: ScriptedRequest) => ScriptedAnswer,
): Promise<ScriptedMcpServer> {
  const requests: ScriptedRequest[] = [];
  const open = new Set<ServerResponse>();
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = body === "" ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request = { method: req.method ?? "", headers: req.headers, body, json };
      requests.push(request);
      const answer = script(request);
      if (answer.sse !== undefined) {
        res.writeHead(answer.status ?? 200, { "Content-Type": "text/event-stream", ...answer.headers });
        res.flushHeaders();
        for (const event of answer.sse) {
          res.write(typeof event === "string" ? event : `data: ${JSON.stringify(event)}\n\n`);
        }
        if (answer.keepOpen) open.add(res);
        else res.end();
        return;
      }
      const text =
        answer.body === undefined
          ? ""
          : typeof answer.body === "string"
            ? answer.body
            : JSON.stringify(answer.body);
      const type = typeof answer.body === "object" ? { "Content-Type": "application/json" } : {};
      res.writeHead(answer.status ?? 200, { ...type, ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    async close() {
      for (const res of open) res.end();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

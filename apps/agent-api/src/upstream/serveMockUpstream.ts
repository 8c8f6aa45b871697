/**
 * The mock upstream LLM as a real HTTP server, for an agent-api that must reach it over the
 * network (through @assay/chaos's fault proxy): `PORT=0 node serveMockUpstream.ts` prints one
 * JSON line `{"event":"listening","port":N}` and answers `POST /v1/chat/completions` exactly as
 * the in-process msw mock does (same {@link mockCompletion}), until SIGTERM.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadHelperPort } from "../env.ts";
import { mockCompletion } from "./mockCompletion.ts";

const SILENCE_MS = 60_000;
const port = loadHelperPort();

function reply(res: http.ServerResponse, status: number, body: string, type = "application/json"): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
    reply(res, 404, JSON.stringify({ error: { message: "not found" } }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let body: unknown = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      body = null;
    }
    const answer = mockCompletion(body);
    switch (answer.kind) {
      case "completion":
        return reply(res, 200, JSON.stringify(answer.body));
      case "error":
        return reply(res, 500, JSON.stringify({ error: { message: "mock upstream failure" } }));
      case "invalid":
        return reply(res, 200, "this is not a chat completion", "text/plain");
      case "timeout": {
        // Never answers in time; gives up after a minute, or when the caller hangs up.
        const timer = setTimeout(() => res.destroy(), SILENCE_MS);
        res.on("close", () => clearTimeout(timer));
        return;
      }
    }
  });
});
server.listen(port, "127.0.0.1", () => {
  const bound = (server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ event: "listening", host: "127.0.0.1", port: bound })}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

/**
 * Test support for bench/load.bench.ts (not a benchmark): a child process that plays the agent
 * backend's WebSocket side at full speed, so the bench measures the client. It verifies each
 * upgrade's HS256 bearer token (an authenticated session, as on the reference), sends
 * `session_ready`, and answers `{"type":"start","run_id":R,"tools":n}` with one valid run
 * (agent_started, thinking, n tool pairs, thinking, agent_completed), stamped with real `ts`.
 * `GET /stats` answers the events sent so far. Prints its port on stdout.
 *
 * Run: node bench/loadServer.ts <secret>
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

const secret = process.argv[2] ?? "";
let sent = 0;

function verify(header: string | undefined): string | undefined {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : "";
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return undefined;
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as { sub?: string; exp?: number };
  return claims.exp !== undefined && claims.exp * 1000 > Date.now() ? claims.sub : undefined;
}

const http = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(req.url === "/stats" ? { sent, rss: process.memoryUsage().rss } : { status: "ok" }));
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
http.on("upgrade", (req, socket, head) => {
  const user = verify(req.headers.authorization);
  if (!user) {
    socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    const ts = () => new Date().toISOString();
    ws.send(
      JSON.stringify({
        type: "session_ready",
        session_id: randomUUID(),
        user_id: user,
        project_id: randomUUID(),
        ts: ts(),
      }),
    );
    ws.on("message", (data: Buffer) => {
      let start: { type?: string; run_id?: string; tools?: number };
      try {
        start = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (start.type !== "start" || typeof start.run_id !== "string") return;
      const base = { run_id: start.run_id, conversation_id: user };
      let seq = 0;
      const frames: object[] = [];
      const add = (type: string, extra: object) =>
        frames.push({ type, ...base, seq: ++seq, ts: ts(), ...extra });
      add("agent_started", { message_id: randomUUID() });
      add("agent_thinking", { step: 1 });
      for (let i = 0; i < (start.tools ?? 1); i += 1) {
        const call = { tool_call_id: `call_${randomUUID()}`, tool_name: "echo" };
        add("tool_executing", { ...call, input: { text: "bench" } });
        add("tool_completed", { ...call, output: { text: "bench" }, duration_ms: 0.1 });
      }
      add("agent_thinking", { step: 2 });
      add("agent_completed", { message_id: randomUUID(), content: "Echo: bench" });
      for (const frame of frames) ws.send(JSON.stringify(frame));
      sent += frames.length;
    });
  });
});
http.listen(0, "127.0.0.1", () => process.stdout.write(`${(http.address() as AddressInfo).port}\n`));

/**
 * Test support for bench/load.bench.ts (not a benchmark): a child process that plays the agent
 * backend's WebSocket side as cheaply as it can, so the bench measures the client. It verifies
 * each upgrade's HS256 bearer token (an authenticated session, as on the reference), sends
 * `session_ready`, and answers `{"type":"start","run_id":R,"tools":n}` with one valid run
 * (agent_started, thinking, n tool pairs, thinking, agent_completed), stamped with the real `ts`,
 * written as pre-framed WebSocket frames in one socket write (a `ws` server spends more CPU per
 * event than the client it serves, which would make it the bottleneck of the throughput ratio).
 * `GET /stats` answers the events sent so far and the process's CPU time and RSS.
 *
 * Run: node bench/loadServer.ts <secret>. Prints its port on stdout.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

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

/** One unmasked server text frame (FIN, opcode 1) around ASCII `text`, as a latin1 string. */
function frame(text: string): string {
  const n = text.length;
  if (n >= 65_536) throw new Error("loadServer: frame too large");
  return n < 126
    ? `\x81${String.fromCharCode(n)}${text}`
    : `\x81\x7e${String.fromCharCode(n >> 8, n & 255)}${text}`;
}

/** The frames of one run, as one buffer: `{"type":…,"run_id":…,"conversation_id":…,"seq":…,"ts":…,…}`. */
function run(runId: string, user: string, tools: number): Buffer {
  const ts = new Date().toISOString();
  const id = randomUUID();
  const base = `"run_id":${JSON.stringify(runId)},"conversation_id":${JSON.stringify(user)}`;
  let out = "";
  let seq = 0;
  const add = (type: string, extra: string) => {
    out += frame(`{"type":"${type}",${base},"seq":${++seq},"ts":"${ts}",${extra}}`);
  };
  add("agent_started", `"message_id":"${id}"`);
  add("agent_thinking", `"step":1`);
  for (let i = 0; i < tools; i += 1) {
    const call = `"tool_call_id":"call_${i}_${id}","tool_name":"echo"`;
    add("tool_executing", `${call},"input":{"text":"bench"}`);
    add("tool_completed", `${call},"output":{"text":"bench"},"duration_ms":0.1`);
  }
  add("agent_thinking", `"step":2`);
  add("agent_completed", `"message_id":"${id}","content":"Echo: bench"`);
  sent += seq;
  return Buffer.from(out, "latin1");
}

/** Reads the client's masked frames from `socket` and calls `onText` with each text frame. */
function readFrames(socket: Socket, onText: (text: string) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const opcode = (pending[0] as number) & 0x0f;
      let length = (pending[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        socket.destroy();
        return;
      }
      if (pending.length < offset + 4 + length) return;
      const mask = pending.subarray(offset, offset + 4);
      const payload = Buffer.from(pending.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i += 1)
        payload[i] = (payload[i] as number) ^ (mask[i & 3] as number);
      pending = pending.subarray(offset + 4 + length);
      if (opcode === 1) onText(payload.toString());
      else if (opcode === 8) {
        socket.end(Buffer.from([0x88, 0]));
        return;
      }
    }
  });
}

const http = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  const cpu = process.cpuUsage();
  res.end(
    JSON.stringify(
      req.url === "/stats"
        ? { sent, rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 }
        : { status: "ok" },
    ),
  );
});
http.on("upgrade", (req, socket: Socket) => {
  socket.on("error", () => socket.destroy());
  const user = verify(req.headers.authorization);
  if (!user) {
    socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  const accept = createHash("sha1")
    .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest("base64");
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const ready = { type: "session_ready", session_id: randomUUID(), user_id: user, project_id: randomUUID() };
  socket.write(Buffer.from(frame(JSON.stringify({ ...ready, ts: new Date().toISOString() })), "latin1"));
  readFrames(socket, (text) => {
    let start: { type?: string; run_id?: string; tools?: number };
    try {
      start = JSON.parse(text);
    } catch {
      return;
    }
    if (start.type !== "start" || typeof start.run_id !== "string") return;
    socket.write(run(start.run_id, user, start.tools ?? 1));
  });
});
http.listen(0, "127.0.0.1", () => process.stdout.write(`${(http.address() as AddressInfo).port}\n`));

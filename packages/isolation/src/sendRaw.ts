import { connect } from "node:net";

/** An HTTP answer read off a raw socket. */
export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server switched protocols (101): a WebSocket upgrade went through. */
  upgraded: boolean;
}

/**
 * Writes `request` (a whole HTTP/1.1 request, as bytes) to the origin of `baseURL` on a fresh
 * socket and reads one answer: the way to send what HTTP clients refuse to build (2,000 headers,
 * a 64 KiB URL, a broken Content-Length). Resolves when the answer is complete, the server
 * closes, or after `timeout` ms with what arrived.
 *
 * @example
 * const answer = await sendRaw("http://127.0.0.1:4310", "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
 */
export function sendRaw(baseURL: string, request: string | Buffer, timeout = 5000): Promise<RawAnswer> {
  const url = new URL(baseURL);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port || 80), url.hostname);
    let data = Buffer.alloc(0);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(data));
    };
    const timer = setTimeout(finish, timeout);
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (isComplete(data)) finish();
    });
    socket.on("close", finish);
    // A server may reset the socket mid-write on a request it refuses; what it answered still counts.
    socket.on("error", finish);
    socket.write(request);
  });
}

/**
 * True once `data` holds a whole HTTP answer (head and, by Content-Length or chunks, body).
 *
 * @example
 * if (isComplete(data)) finish();
 */
export function isComplete(data: Buffer): boolean {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = data.subarray(0, end).toString("latin1");
  if (/^HTTP\/1\.1 101/.test(head)) return true;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head))
    return data.subarray(-5).toString("latin1") === "0\r\n\r\n";
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return length !== null && data.length >= end + 4 + Number(length[1]);
}

/**
 * Parses raw answer bytes into status, lower-cased headers and body (chunks joined).
 *
 * @example
 * parseAnswer(Buffer.from("HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}")).status; // 404
 */
export function parseAnswer(data: Buffer): RawAnswer {
  const end = data.indexOf("\r\n\r\n");
  const head = data.subarray(0, end < 0 ? data.length : end).toString("latin1");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end < 0 ? Buffer.alloc(0) : data.subarray(end + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = unchunk(body);
  return { status, headers, body: body.toString("utf8"), upgraded: status === 101 };
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    const size = lineEnd < 0 ? 0 : Number.parseInt(data.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size <= 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

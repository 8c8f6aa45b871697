import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { isComplete, parseAnswer, type RawAnswer } from "./sendRaw.ts";

/** A WebSocket spoken by hand, to send frames a WebSocket library refuses to build. */
export interface RawWebSocket {
  /** The answer to the upgrade request (101 when it went through). */
  answer: RawAnswer;
  /** Sends one masked frame; `fin: false` starts or continues a fragmented message. */
  send(opcode: number, payload: Buffer, fin?: boolean): void;
  /** Text frames received so far. */
  readonly texts: readonly string[];
  /** The server's close code, or null when the TCP connection ended without a close frame. */
  readonly closed: Promise<number | null>;
  destroy(): void;
}

/**
 * Opens a WebSocket on a raw TCP socket with the given extra headers (e.g. `Authorization`).
 * Resolves once the upgrade was answered, whatever the answer.
 *
 * @example
 * const raw = await openRawWebSocket("ws://127.0.0.1:4310/v1/ws", { authorization: `Bearer ${token}` });
 * raw.send(0x1, Buffer.from([0xc3, 0x28])); // invalid UTF-8
 * await raw.closed; // 1007
 */
export function openRawWebSocket(wsURL: string, headers: Record<string, string>): Promise<RawWebSocket> {
  const url = new URL(wsURL);
  const socket = connect(Number(url.port || 80), url.hostname);
  const lines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  const texts: string[] = [];
  let pending = Buffer.alloc(0);
  let resolveClosed: (code: number | null) => void = () => {};
  const closed = new Promise<number | null>((resolve) => {
    resolveClosed = resolve;
  });
  socket.on("close", () => resolveClosed(null));
  socket.on("error", () => resolveClosed(null));
  const readFrames = () => {
    for (;;) {
      const frame = nextFrame(pending);
      if (!frame) return;
      pending = pending.subarray(frame.length);
      if (frame.opcode === 0x1) texts.push(frame.payload.toString("utf8"));
      if (frame.opcode === 0x8)
        resolveClosed(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null);
    }
  };
  return new Promise((resolve) => {
    let head = Buffer.alloc(0);
    let answered = false;
    const onData = (chunk: Buffer) => {
      if (answered) {
        pending = Buffer.concat([pending, chunk]);
        readFrames();
        return;
      }
      head = Buffer.concat([head, chunk]);
      if (!isComplete(head)) return;
      answered = true;
      const end = head.indexOf("\r\n\r\n") + 4;
      const answer = parseAnswer(head.subarray(0, end));
      pending = answer.upgraded ? head.subarray(end) : Buffer.alloc(0);
      readFrames();
      resolve({
        answer: answer.upgraded ? answer : parseAnswer(head),
        send(opcode, payload, fin = true) {
          socket.write(encodeFrame(opcode, payload, fin));
        },
        texts,
        closed,
        destroy: () => socket.destroy(),
      });
    };
    socket.on("data", onData);
    socket.on("close", () => {
      if (!answered) {
        answered = true;
        resolve({ answer: parseAnswer(head), send() {}, texts, closed, destroy: () => socket.destroy() });
      }
    });
  });
}

function encodeFrame(opcode: number, payload: Buffer, fin: boolean): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (length < 126) head[1] = 0x80 | length;
  else if (length < 65_536) {
    head[1] = 0x80 | 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 0x80 | 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  // Clients must mask every frame (RFC 6455 §5.3); a server closes on an unmasked one.
  const mask = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i += 1) masked[i] = (masked[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([head, mask, masked]);
}

function nextFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = (data[0] as number) & 0x0f;
  let length = (data[1] as number) & 0x7f;
  let at = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    at = 10;
  }
  if (data.length < at + length) return undefined;
  return { opcode, payload: data.subarray(at, at + length), length: at + length };
}

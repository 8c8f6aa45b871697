import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { openRawWebSocket } from "./openRawWebSocket.ts";
import { parseAnswer, sendRaw } from "./sendRaw.ts";

// A real HTTP server: a chunked JSON answer for HTTP, and for an upgrade a hand-made WebSocket
// that answers a text frame with a text frame, and an invalid UTF-8 one with close 1007.
const server = createServer((_req, res) => {
  res.setHeader("content-type", "application/json");
  res.write('{"error":{"code":"not_found",');
  res.end('"message":"No such thing. é","correlation_id":"c-1"}}');
});
server.on("upgrade", (req, socket) => {
  const accept = createHash("sha1")
    .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest("base64");
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.on("data", (frame: Buffer) => {
    const length = (frame[1] as number) & 0x7f;
    const mask = frame.subarray(2, 6);
    const payload = Buffer.from(frame.subarray(6, 6 + length).map((b, i) => b ^ (mask[i % 4] as number)));
    const text = new TextDecoder("utf-8", { fatal: false }).decode(payload);
    if (text.includes("\uFFFD")) socket.end(Buffer.from([0x88, 0x02, 0x03, 0xef]));
    else socket.write(Buffer.concat([Buffer.from([0x81, payload.length]), payload]));
  });
});
let base = "";
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test("sendRaw reads a whole chunked answer: status, headers and the body decoded as UTF-8", async () => {
  const answer = await sendRaw(`http://${base}`, `GET /x HTTP/1.1\r\nHost: ${base}\r\n\r\n`);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(answer.body).error.message, "No such thing. é");
  assert.equal(answer.upgraded, false);
});

test("parseAnswer handles a Content-Length body and a server that answered nothing", () => {
  const answer = parseAnswer(
    Buffer.from("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 2\r\n\r\n{}"),
  );
  assert.deepEqual([answer.status, answer.body], [431, "{}"]);
  assert.equal(parseAnswer(Buffer.alloc(0)).status, 0);
});

test("openRawWebSocket upgrades, sends masked frames, reads text frames and the close code", async () => {
  const socket = await openRawWebSocket(`ws://${base}/v1/ws`, { authorization: "Bearer x" });
  assert.equal(socket.answer.status, 101);
  socket.send(0x1, Buffer.from('{"type":"ping"}'));
  while (socket.texts.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(socket.texts, ['{"type":"ping"}']);
  socket.send(0x1, Buffer.from([0xc3, 0x28]));
  assert.equal(await socket.closed, 1007);
  socket.destroy();
});

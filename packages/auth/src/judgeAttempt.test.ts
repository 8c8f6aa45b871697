import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { assertAttacksRefused, judgeAttempt } from "./judgeAttempt.ts";
import { presentOnRest, presentOnUpgrade } from "./presentToken.ts";
import { startKeyServer } from "./startKeyServer.ts";

const envelope = '{"error":{"code":"unauthorized","message":"Invalid token.","correlation_id":"c-1"}}';
// A stand-in target: refuses every token properly, except "let-me-in", which it accepts on REST
// and on the upgrade (a 101), as a broken service would.
const server = createServer((req, res) => {
  const credential = `${req.headers.authorization ?? ""} ${req.headers["sec-websocket-protocol"] ?? ""}`;
  if (credential.includes("let-me-in")) {
    res.end("{}");
    return;
  }
  res.writeHead(401, {
    "www-authenticate": 'Bearer realm="assay", error="invalid_token"',
    "content-type": "application/json",
  });
  res.end(envelope);
});
server.on("upgrade", (req, socket) => {
  if (String(req.headers.authorization).includes("let-me-in")) {
    socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
  } else {
    socket.end(
      `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="assay"\r\nContent-Length: ${envelope.length}\r\n\r\n${envelope}`,
    );
  }
});
let base = "";
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

// Fails when an accepted token is not reported, or a proper refusal is.
test("a proper refusal on REST has no problem; an accepted token is named with its surface", async () => {
  const refused = await presentOnRest(`http://${base}`, "alg-none", "a.b.");
  assert.deepEqual(judgeAttempt(refused), []);
  const accepted = await presentOnRest(`http://${base}`, "let-me-in", "let-me-in");
  assert.deepEqual(judgeAttempt(accepted), ["let-me-in on rest: accepted (HTTP 200)"]);
  assert.throws(() => assertAttacksRefused([refused, accepted]), {
    message:
      /^\[assay\/auth\] 1 of 2 attacks accepted, 1 problem\(s\):\n {2}let-me-in on rest: accepted \(HTTP 200\)$/,
  });
  assert.deepEqual(assertAttacksRefused([refused]), { tried: 1, accepted: 0 });
});

// Fails when a 101 counts as refused, or a 401 without error=invalid_token passes.
test("an upgrade that goes through is accepted; a 401 without error=invalid_token is a problem", async () => {
  const upgraded = await presentOnUpgrade(`ws://${base}/v1/ws`, "let-me-in", "let-me-in", "header");
  assert.equal(upgraded.status, 101);
  assert.equal(upgraded.accepted, true);
  const refused = await presentOnUpgrade(`ws://${base}/v1/ws`, "alg-none", "a.b.", "subprotocol");
  assert.equal(refused.surface, "ws-subprotocol");
  assert.deepEqual(judgeAttempt(refused), [
    'alg-none on ws-subprotocol: WWW-Authenticate is "Bearer realm=\\"assay\\"", expected Bearer realm="assay", error="invalid_token"',
  ]);
});

// Fails when the key server misses a request (a jku fetch would go unseen).
test("the key server counts every request it gets", async () => {
  const keys = await startKeyServer();
  assert.deepEqual(keys.requests, []);
  await fetch(`${keys.url}/jwks.json`);
  assert.deepEqual(keys.requests, ["GET /jwks.json"]);
  await keys.close();
});

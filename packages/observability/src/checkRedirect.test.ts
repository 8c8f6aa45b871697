import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { checkRedirect } from "./checkRedirect.ts";

async function serve(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

test("a 308 to the same path on https passes; a 200 or a redirect elsewhere is named", async () => {
  const good = await serve((req, res) =>
    res.writeHead(308, { location: `https://127.0.0.1:9443${req.url}` }).end(),
  );
  assert.deepEqual(await checkRedirect(good.origin, "https://127.0.0.1:9443"), []);
  good.close();
  const plain = await serve((_, res) => res.writeHead(200).end("{}"));
  assert.deepEqual(await checkRedirect(plain.origin, "https://127.0.0.1:9443"), [
    `GET ${plain.origin}/v1/me?probe=1 answered HTTP 200, not a redirect to HTTPS`,
  ]);
  plain.close();
  const wrong = await serve((_, res) => res.writeHead(301, { location: "http://elsewhere.example/" }).end());
  assert.deepEqual(await checkRedirect(wrong.origin, "https://127.0.0.1:9443"), [
    "the redirect goes to http:, not https:",
  ]);
  wrong.close();
});

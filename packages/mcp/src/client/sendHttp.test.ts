import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { sendHttp } from "./sendHttp.ts";

/** Blocks this thread, as compiling a large schema does between two exchanges. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// A server that closes a connection 100 ms after its last answer without announcing it in a
// Keep-Alive header (as many proxies and servers do), so the client thinks it may reuse it.
const SERVER = `
const server = require("node:http").createServer((req, res) => {
  clearTimeout(req.socket.idle);
  req.resume();
  req.on("end", () => res.writeHead(202).end());
  res.on("finish", () => { req.socket.idle = setTimeout(() => req.socket.destroy(), 100); });
});
server.keepAliveTimeout = 0;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

test("a request after this process was busy past the server's keep-alive goes out on a live connection", async () => {
  // Another process, as a real server is: it drops the idle connection while this one is busy
  // and cannot read that close.
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once("line", resolve),
  );
  const send = () =>
    sendHttp({
      url: `http://127.0.0.1:${port}/mcp`,
      httpMethod: "POST",
      method: "notifications/initialized",
      headers: { "content-type": "application/json" },
      body: { jsonrpc: "2.0", method: "notifications/initialized" },
      timeoutMs: 5_000,
    });
  try {
    for (let round = 0; round < 5; round += 1) {
      const first = await send();
      assert.deepEqual(first.problems, []);
      busy(300);
      const second = await send();
      assert.deepEqual(second.problems, [], `round ${round}`);
      assert.equal(second.status, 202);
    }
  } finally {
    child.kill();
  }
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { rawMcpClient } from "./mcp/rawMcpClient.ts";
import { type ChildService, startChildService } from "./startChildService.ts";

// MCP sessions end by themselves: a service whose sessions expire after two idle seconds.
let service: ChildService;

before(async () => {
  service = await startChildService({ ASSAY_MCP_SESSION_IDLE_SECONDS: "2" });
});

after(async () => {
  await service.stop();
});

test("an idle MCP session expires (404 afterwards, its session row gone); a busy one lives on", {
  timeout: 30_000,
}, async () => {
  const alice = await service.createUser();
  const idle = await rawMcpClient(service.base, alice.token, { era: "session" });
  const busy = await rawMcpClient(service.base, alice.token, { era: "session" });
  assert.equal((await service.call("GET", `/v1/sessions/${idle.sessionId}`, alice.token)).status, 200);
  const deadline = Date.now() + 4500;
  while (Date.now() < deadline) {
    assert.equal((await busy.request("tools/list")).status, 200, "a session in use does not expire");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal((await idle.request("tools/list")).status, 404);
  assert.equal((await service.call("GET", `/v1/sessions/${idle.sessionId}`, alice.token)).status, 404);
  assert.equal((await busy.request("tools/list")).status, 200);
});

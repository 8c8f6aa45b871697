import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type ChildService, startChildService } from "./startChildService.ts";

let service: ChildService;
before(async () => {
  service = await startChildService();
});
after(() => service.stop());

test("GET /v1/test-support/stats: memory, open sockets, runs in flight and the pool, for the admin only", async () => {
  const user = await service.createUser();
  const socket = await service.openSocket(user.token);
  await socket.next("session_ready");
  const stats = await service.call("GET", "/v1/test-support/stats", service.admin);
  assert.equal(stats.status, 200);
  assert.deepEqual(Object.keys(stats.body).sort(), [
    "memory",
    "pool",
    "runs_in_flight",
    "sockets",
    "uptime_seconds",
  ]);
  assert.equal(stats.body.sockets, 1);
  assert.ok(stats.body.memory.rss_bytes > 10_000_000);
  assert.ok(stats.body.pool.total >= 1);
  socket.ws.close();
  await socket.closed;
  assert.equal((await service.call("GET", "/v1/test-support/stats", user.token)).status, 401);
  for (let i = 0; i < 20; i += 1) {
    if ((await service.call("GET", "/v1/test-support/stats", service.admin)).body.sockets === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail("a closed socket is still counted");
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { createWsClient, now } from "./createWsClient.ts";
import type { Frame } from "./Frame.ts";
import { measureRunLatency } from "./measureRunLatency.ts";
import { recordLatency } from "./recordLatency.ts";
import { startScriptedServer } from "./startScriptedServer.ts";

const at = (events: unknown[], times: number[]): Frame[] =>
  events.map((data, i) => ({ seq: i, at: times[i] ?? 0, data, size: 0 }));

describe("measureRunLatency", () => {
  it("measures first event from sentAt, each tool call, and the run", () => {
    const events = buildRun(["thinking", "tool:echo", "tool:clock", "completed"]);
    const frames = at(events, [105, 110, 120, 150, 151, 160, 170]);
    assert.deepEqual(measureRunLatency(frames, { sentAt: 1100, connectedAt: 1000 }), {
      first_event_ms: 5,
      tool_calls: [
        { tool_call_id: "call_1", tool_name: "echo", ms: 30 },
        { tool_call_id: "call_2", tool_name: "clock", ms: 9 },
      ],
      run_ms: 65,
    });
  });

  it("gives null for what did not happen", () => {
    const frames = at(buildRun(["tool:echo"]).slice(0, 2), [1, 2]);
    assert.deepEqual(measureRunLatency(frames), { first_event_ms: null, tool_calls: [], run_ms: null });
  });

  it("puts now() stamps and frame times on one clock through client.latency", async () => {
    const server = await startScriptedServer();
    try {
      const client = await createWsClient({ url: server.url, token: "t" });
      const [socket] = await server.connected();
      const events = buildRun(["completed"]);
      const sentAt = now();
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const event of events) socket?.send(JSON.stringify(event));
      await client.waitFor({ type: "agent_completed" });
      const latency = client.latency(String(events[0]?.run_id), sentAt);
      assert.ok(
        latency.first_event_ms !== null && latency.first_event_ms >= 29 && latency.first_event_ms < 1000,
        String(latency.first_event_ms),
      );
      assert.ok(latency.run_ms !== null && latency.run_ms >= 0 && latency.run_ms < 1000);
      assert.equal(client.latency(String(events[0]?.run_id)).first_event_ms, null);
      await client.close();
    } finally {
      await server.close();
    }
  });
});

describe("recordLatency", () => {
  it("does nothing outside a Playwright test", () => {
    assert.equal(recordLatency({ first_event_ms: 1, tool_calls: [], run_ms: 2 }), false);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildRun } from "./buildRun.ts";
import { createWsClient, now } from "./createWsClient.ts";
import type { Frame } from "./Frame.ts";
import { measureDelivery, measureRunLatency } from "./measureRunLatency.ts";
import { estimateClockOffset, recordLatency } from "./recordLatency.ts";
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
  it("adds nothing outside a Playwright test", () => {
    assert.equal(recordLatency({ first_event_ms: 1, tool_calls: [], run_ms: 2 }), 0);
  });
});

describe("measureDelivery", () => {
  // Frames received 20 ms after connecting, on a client that connected at performance.now() = 1000.
  const connectedAt = 1000;
  const receivedAt = performance.timeOrigin + connectedAt + 20;
  const stamped = (events: Record<string, unknown>[], sentAt: number): Record<string, unknown>[] =>
    events.map((event) => ({ ...event, ts: new Date(Math.floor(sentAt)).toISOString() }));

  it("is the receive time minus the event's ts, moved onto the target's clock by the offset", () => {
    // Sent 7 ms before it arrived, by a target whose clock runs 1000 ms ahead of ours.
    const events = stamped(buildRun(["tool:echo", "completed"]), receivedAt - 7 + 1000);
    const samples = measureDelivery(at(events, [20, 20, 20, 20]), { connectedAt, offsetMs: 1000 });
    assert.equal(samples.length, 4);
    for (const sample of samples) assert.ok(Math.abs(sample.ms - 7) <= 1, `${sample.ms} is not 7 ± 1`);
    // Without the offset, the target's fast clock would make every event look 1 s early: 0.
    assert.deepEqual(
      measureDelivery(at(events, [20, 20, 20, 20]), { connectedAt, offsetMs: 0 }).map((s) => s.ms),
      [0, 0, 0, 0],
    );
  });

  it("leaves out replayed events (the ones right before replay_done) and frames that are not run events", () => {
    const live = stamped(buildRun(["completed"]), receivedAt - 5);
    const old = stamped(buildRun(["completed"]), receivedAt - 60_000);
    const frames = at(
      [
        { type: "session_ready", ts: new Date().toISOString() },
        ...live,
        ...old,
        { type: "replay_done", run_id: old[0]?.run_id, count: 2, ts: new Date().toISOString() },
        { type: "pong", ts: new Date().toISOString() },
      ],
      [20, 20, 20, 20, 20, 20, 20],
    );
    const samples = measureDelivery(frames, { connectedAt, offsetMs: 0 });
    assert.deepEqual(
      samples.map((s) => [s.type, s.run_id]),
      [
        ["agent_started", live[0]?.run_id],
        ["agent_completed", live[0]?.run_id],
      ],
    );
  });
});

describe("estimateClockOffset", () => {
  it("finds a target clock 5 s ahead from ping/pong round trips, within half the round trip", async () => {
    const server = await startScriptedServer({
      answer: (text) => {
        const ping = JSON.parse(text) as { type: string; id: string };
        return { type: "pong", id: ping.id, ts: new Date(Date.now() + 5000).toISOString() };
      },
    });
    try {
      const client = await createWsClient({ url: server.url, token: "t" });
      const offset = await estimateClockOffset(client);
      assert.equal(offset.source, "ws ping");
      // Half the round trip, plus slack for Date.now() and performance.timeOrigin disagreeing.
      assert.ok(
        Math.abs(offset.offset_ms - 5000) <= offset.rtt_ms / 2 + 5,
        `offset ${offset.offset_ms} ms (rtt ${offset.rtt_ms}) is not 5000 ms`,
      );
      await client.close();
    } finally {
      await server.close();
    }
  });

  it("fails, naming the problem, when the pong carries no ts", async () => {
    const server = await startScriptedServer({
      answer: (text) => ({ type: "pong", id: (JSON.parse(text) as { id: string }).id }),
    });
    try {
      const client = await createWsClient({ url: server.url, token: "t" });
      await assert.rejects(
        estimateClockOffset(client),
        /\[assay\/ws\] The pong to a clock ping has no ISO ts/,
      );
      await client.close();
    } finally {
      await server.close();
    }
  });
});

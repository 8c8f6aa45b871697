import assert from "node:assert/strict";
import { test } from "node:test";
import { formatEvent, msSinceStart } from "../public/formatEvent.js";

const START = "2026-01-01T00:00:00.000Z";

// Fails when the console mislabels an event (seq, type, tool, error code or timing).
test("labels an event with seq, type, detail and ms since the run started", () => {
  assert.equal(formatEvent({ type: "agent_started", seq: 1, ts: START }, START), "#1 agent_started +0 ms");
  assert.equal(
    formatEvent({ type: "tool_executing", seq: 3, ts: "2026-01-01T00:00:00.042Z", tool_name: "echo" }, START),
    "#3 tool_executing echo +42 ms",
  );
  const error = { code: "upstream_timeout", message: "late" };
  assert.equal(
    formatEvent({ type: "agent_error", seq: 3, ts: "2026-01-01T00:00:01.500Z", error }, START),
    "#3 agent_error upstream_timeout +1500 ms",
  );
});

// Fails when the console shows NaN or negative ms for a run without a usable start.
test("a missing or later start never gives negative or NaN ms", () => {
  assert.equal(msSinceStart({ type: "agent_thinking", seq: 2, ts: START }, "not a date"), 0);
  assert.equal(msSinceStart({ type: "agent_thinking", seq: 2, ts: START }, "2026-01-01T00:00:05.000Z"), 0);
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatEventLog, formatFrameLine } from "./formatEventLog.ts";

describe("formatEventLog", () => {
  it("prints one line per frame with the key fields", () => {
    const frame = {
      seq: 3,
      at: 411.6,
      size: 0,
      data: { type: "tool_executing", seq: 3, tool_call_id: "call_1", tool_name: "echo", input: {} },
    };
    assert.equal(
      formatFrameLine(frame),
      "  #3  +412ms  tool_executing  seq=3 tool_call_id=call_1 tool_name=echo",
    );
    assert.equal(
      formatFrameLine({
        seq: 0,
        at: 0,
        size: 0,
        data: { type: "agent_error", seq: 2, error: { code: "upstream_timeout" } },
      }),
      "  #0  +0ms  agent_error  seq=2 error=upstream_timeout",
    );
    assert.equal(
      formatFrameLine({ seq: 1, at: 2, size: 4, data: "oops" }),
      '  #1  +2ms  (not a JSON object) "oops"',
    );
  });

  it("keeps the last frames of a long log and says how many it left out", () => {
    const frames = Array.from({ length: 100 }, (_, i) => ({
      seq: i,
      at: i,
      size: 0,
      data: { type: "pong" },
    }));
    const lines = formatEventLog(frames, 3);
    assert.deepEqual(lines, [
      "  … 97 earlier frames not shown",
      "  #97  +97ms  pong",
      "  #98  +98ms  pong",
      "  #99  +99ms  pong",
    ]);
    assert.deepEqual(formatEventLog([]), ["  (no frames received)"]);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkEventContract } from "./checkEventContract.ts";

const ts = "2025-06-01T12:00:00.000Z";

describe("checkEventContract", () => {
  it("passes a valid frame and names each error of a broken one", () => {
    assert.deepEqual(checkEventContract({ type: "pong", ts }), []);
    const errors = checkEventContract({ type: "pong", ts: "yesterday", stack: "at x" });
    assert.ok(errors.length >= 2, errors.join("\n"));
    assert.ok(errors.every((line) => line.startsWith("ws/pong.v1: ")));
  });

  it("fails a frame no contract covers", () => {
    assert.deepEqual(checkEventContract({ type: "agent_paused" }), [
      'no contract ws/agent-paused.v1 for event type "agent_paused"',
    ]);
    assert.deepEqual(checkEventContract("text"), [
      "frame is not a JSON object with a string type: no contract applies",
    ]);
  });
});

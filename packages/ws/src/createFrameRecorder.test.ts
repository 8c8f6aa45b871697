import assert from "node:assert/strict";
import { test } from "node:test";
import { createFrameRecorder } from "./createFrameRecorder.ts";

// Fails when a waiter's frame is built apart from the log, so the frame a test got from waitFor
// is not the frame it later finds in `frames` (identity checks, annotations keyed by frame).
test("the frame a waiter gets is the one the log holds, and the log stays in order", async () => {
  const recorder = createFrameRecorder();
  const waited = recorder.waitFor({ type: "agent_completed" });
  recorder.push('{"type":"agent_started","seq":1}', 30, 1);
  recorder.push("not json", 8, 2);
  recorder.push('{"type":"agent_completed","seq":2}', 32, 3);
  const frame = await waited;
  assert.deepEqual(frame, { seq: 2, at: 3, data: { type: "agent_completed", seq: 2 }, size: 32 });
  recorder.push('{"type":"pong"}', 15, 4);
  const frames = recorder.frames;
  assert.equal(frames[2], frame);
  assert.deepEqual(
    frames.map((f) => f.seq),
    [0, 1, 2, 3],
  );
  assert.equal(frames[1]?.data, "not json");
});

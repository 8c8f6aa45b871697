import assert from "node:assert/strict";
import { test } from "node:test";
import { errorFrame, parseClientFrame } from "./parseClientFrame.ts";

const code = (raw: string) => {
  const parsed = parseClientFrame(raw);
  return "code" in parsed ? parsed.code : parsed.type;
};

// Fails when a valid client frame is refused or loses its id.
test("reads ping, switch_project and replay, with their ids", () => {
  assert.deepEqual(parseClientFrame('{"type":"ping"}'), { type: "ping" });
  assert.deepEqual(parseClientFrame('{"type":"ping","id":"a1"}'), { type: "ping", id: "a1" });
  assert.deepEqual(parseClientFrame('{"type":"switch_project","project_id":"p","id":"x"}'), {
    type: "switch_project",
    project_id: "p",
    id: "x",
  });
  assert.deepEqual(parseClientFrame('{"type":"replay","run_id":"r"}'), {
    type: "replay",
    run_id: "r",
    after_seq: 0,
  });
  assert.deepEqual(parseClientFrame('{"type":"replay","run_id":"r","after_seq":3}'), {
    type: "replay",
    run_id: "r",
    after_seq: 3,
  });
});

// Fails when a bad frame gets the wrong error code, or deep nesting reaches JSON.parse.
test("names what is wrong with every other frame", () => {
  assert.equal(code("{"), "invalid_json");
  assert.equal(code(""), "invalid_json");
  assert.equal(code("[1,2]"), "validation_failed");
  assert.equal(code('{"type":3}'), "validation_failed");
  assert.equal(code('{"type":"ping","id":5}'), "validation_failed");
  assert.equal(code('{"type":"switch_project"}'), "validation_failed");
  assert.equal(code('{"type":"replay","run_id":"r","after_seq":-1}'), "validation_failed");
  assert.equal(code('{"type":"replay","run_id":"r","after_seq":1.5}'), "validation_failed");
  assert.equal(code('{"type":"replay","run_id":"r","after_seq":1e400}'), "validation_failed");
  assert.equal(code('{"type":"subscribe"}'), "unknown_message_type");
  assert.equal(
    code(`{"type":"ping","deep":${"[".repeat(100_000)}${"]".repeat(100_000)}}`),
    "validation_failed",
  );
  assert.equal(code("[".repeat(100_000)), "invalid_json");
});

// Fails when error frames drift from the one envelope.
test("errorFrame wraps the one envelope", () => {
  assert.deepEqual(errorFrame("not_found", "No run with that id.", "cid"), {
    type: "error",
    error: { code: "not_found", message: "No run with that id.", correlation_id: "cid" },
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { eventContractId } from "./eventContractId.ts";

test("eventContractId turns snake_case frame types into ws contract ids", () => {
  assert.equal(eventContractId("agent_started"), "ws/agent-started.v1");
  assert.equal(eventContractId("tool_completed"), "ws/tool-completed.v1");
  assert.equal(eventContractId("error"), "ws/error.v1");
});

test("eventContractId refuses what is not a frame type", () => {
  assert.throws(
    () => eventContractId(""),
    /\[assay\/contracts\] eventContractId needs a frame type .*got an empty string/,
  );
  assert.throws(() => eventContractId(7 as unknown as string), /got number/);
});

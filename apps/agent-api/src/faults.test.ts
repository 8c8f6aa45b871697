import assert from "node:assert/strict";
import { test } from "node:test";
import { clearFaults, enableFaults, hasFault, listFaults, setFault } from "./faults.ts";

const alice = "0b7f8f2e-7a3c-4f43-9b7e-2f4a3c1d5e6f";
const bob = "11111111-1111-4111-8111-111111111111";

// Fails when a fault touches another user, or can be set or honoured with test-support off.
test("a fault affects only the user it names, and only while faults are enabled", () => {
  enableFaults(false);
  setFault(alice, "leak_events", true);
  assert.equal(hasFault(alice, "leak_events"), false, "disabled: nothing can be set");
  enableFaults(true);
  setFault(alice, "leak_events", true);
  setFault(alice, "stack_traces", true);
  assert.equal(hasFault(alice, "leak_events"), true);
  assert.equal(hasFault(bob, "leak_events"), false);
  assert.equal(hasFault(alice, "accept_expired"), false);
  assert.deepEqual(listFaults(), [
    { user_id: alice, fault: "leak_events" },
    { user_id: alice, fault: "stack_traces" },
  ]);
  setFault(alice, "leak_events", false);
  assert.deepEqual(listFaults(), [{ user_id: alice, fault: "stack_traces" }]);
  clearFaults(alice);
  assert.deepEqual(listFaults(), []);
  setFault(bob, "default_project", true);
  enableFaults(false);
  assert.equal(hasFault(bob, "default_project"), false);
  assert.deepEqual(listFaults(), []);
});

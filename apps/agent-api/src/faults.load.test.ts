import assert from "node:assert/strict";
import { test } from "node:test";
import { enableFaults, LOAD_FAULT_EVERY, leakReceiverFor, loadFaultFor, setFault } from "./faults.ts";

const alice = "0b7f8f2e-7a3c-4f43-9b7e-2f4a3c1d5e6f";
const bob = "11111111-1111-4111-8111-111111111111";
const carol = "22222222-2222-4222-8222-222222222222";

test("a load fault hits exactly one event in LOAD_FAULT_EVERY of the users under it, by a counter", () => {
  enableFaults(true);
  assert.equal(loadFaultFor(alice), null, "no fault, no effect");
  setFault(alice, "load_drop_event", true);
  setFault(bob, "load_drop_event", true);
  const effects: Array<string | null> = [];
  for (let i = 0; i < LOAD_FAULT_EVERY * 3; i += 1) effects.push(loadFaultFor(i % 2 === 0 ? alice : bob));
  assert.deepEqual(
    effects.flatMap((effect, i) => (effect === null ? [] : [[i + 1, effect]])),
    [
      [LOAD_FAULT_EVERY, "drop"],
      [LOAD_FAULT_EVERY * 2, "drop"],
      [LOAD_FAULT_EVERY * 3, "drop"],
    ],
  );
  assert.equal(loadFaultFor(carol), null, "carol is not under the fault");
  enableFaults(false);
});

test("a leak goes to another user under load_leak_event, never back to the owner", () => {
  enableFaults(true);
  setFault(alice, "load_leak_event", true);
  assert.equal(leakReceiverFor(alice), undefined, "alone under the fault: nobody to leak to");
  setFault(bob, "load_leak_event", true);
  setFault(carol, "load_leak_event", true);
  assert.equal(leakReceiverFor(alice), bob);
  assert.equal(leakReceiverFor(carol), alice);
  let leaks = 0;
  for (let i = 0; i < LOAD_FAULT_EVERY; i += 1) if (loadFaultFor(carol) === "leak") leaks += 1;
  assert.equal(leaks, 1);
  enableFaults(false);
});

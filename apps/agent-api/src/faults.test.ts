import assert from "node:assert/strict";
import { test } from "node:test";
import {
  clearClientFaults,
  clearFaults,
  enableFaults,
  hasClientFault,
  hasFault,
  listClientFaults,
  listFaults,
  setClientFault,
  setFault,
} from "./faults.ts";

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

test("a client fault affects only the client it names, and only while faults are enabled", () => {
  const client = "22222222-2222-4222-8222-222222222222";
  enableFaults(false);
  setClientFault(client, "oauth_plain_pkce", true);
  assert.equal(hasClientFault(client, "oauth_plain_pkce"), false, "disabled: nothing can be set");
  enableFaults(true);
  setClientFault(client, "oauth_plain_pkce", true);
  setClientFault(client, "oauth_code_reuse", true);
  assert.equal(hasClientFault(client, "oauth_plain_pkce"), true);
  assert.equal(hasClientFault(alice, "oauth_plain_pkce"), false);
  assert.deepEqual(listClientFaults(client), ["oauth_plain_pkce", "oauth_code_reuse"]);
  assert.deepEqual(listFaults(), [], "client faults are not user faults");
  setClientFault(client, "oauth_plain_pkce", false);
  assert.deepEqual(listClientFaults(client), ["oauth_code_reuse"]);
  clearClientFaults(client);
  assert.deepEqual(listClientFaults(client), []);
  setClientFault(client, "oauth_redirect_prefix", true);
  enableFaults(false);
  assert.equal(hasClientFault(client, "oauth_redirect_prefix"), false);
  enableFaults(true);
  assert.deepEqual(listClientFaults(client), [], "turning faults off forgets client faults too");
});

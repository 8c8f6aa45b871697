import assert from "node:assert/strict";
import { test } from "node:test";
import { describeValue, formatFailure, formatReceived, matcherResult } from "./formatFailure.ts";

test("formatFailure prints the header, the contract errors and the received value", () => {
  const message = formatFailure({
    matcherName: "toMatchContract",
    expected: "http/health.v1",
    receivedLabel: "response",
    contract: "http/health.v1",
    errors: ['/status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")'],
    received: { status: "ok" },
  });
  assert.equal(
    message,
    [
      'expect(response).toMatchContract("http/health.v1") failed',
      "",
      "Contract: http/health.v1",
      '  /status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")',
      'Received: {"status":"ok"}',
    ].join("\n"),
  );
});

test("formatFailure handles .not, notes, a received undefined and a trailing log", () => {
  const message = formatFailure({
    matcherName: "toEmitInOrder",
    isNot: true,
    receivedLabel: "socket",
    notes: ["The events arrived in that order."],
    received: undefined,
    log: ["  agent_started  seq 1  +0ms"],
  });
  assert.equal(
    message,
    [
      "expect(socket).not.toEmitInOrder() failed",
      "",
      "The events arrived in that order.",
      "Received: undefined",
      "  agent_started  seq 1  +0ms",
    ].join("\n"),
  );
});

test("formatReceived cuts at 1000 chars and describes what JSON cannot hold", () => {
  const long = formatReceived({ text: "x".repeat(2000) });
  assert.equal(long.length, 1001);
  assert.ok(long.endsWith("…"));
  assert.equal(formatReceived("short"), '"short"');
  assert.equal(
    formatReceived(function load() {}),
    "[Function load]",
  );
  assert.equal(formatReceived(10n), "10n");
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.equal(formatReceived(cycle), "[object Object]");
});

test("a waiting matcher's timeout is printed after the notes, as Playwright's own matchers do", () => {
  const message = formatFailure({
    matcherName: "toReceiveEvent",
    expected: { type: "pong" },
    receivedLabel: "client",
    notes: ['  no frame matching {"type":"pong"} within 5000ms'],
    timeout: 5000,
    log: ["Received: 0 frames"],
  });
  assert.equal(
    message,
    [
      'expect(client).toReceiveEvent({"type":"pong"}) failed',
      "",
      '  no frame matching {"type":"pong"} within 5000ms',
      "Timeout: 5000ms",
      "Received: 0 frames",
    ].join("\n"),
  );
});

// Catches a result whose message ignores `.not` or is built before Playwright asks for it.
test("matcherResult builds the message lazily, in the one format, with .not in the header", () => {
  let built = 0;
  const result = matcherResult(true, {
    name: "toFollowRunGrammar",
    receivedLabel: "client",
    expected: "run-1",
    pass: true,
    actual: [],
    failure: () => {
      built += 1;
      return { notes: ["  run run-1 followed the grammar (3 events)"] };
    },
  });
  assert.equal(built, 0);
  assert.deepEqual([result.pass, result.name, result.expected], [true, "toFollowRunGrammar", "run-1"]);
  assert.equal(
    result.message(),
    'expect(client).not.toFollowRunGrammar("run-1") failed\n\n  run run-1 followed the grammar (3 events)',
  );
  assert.equal(built, 1);
});

test("describeValue says what was passed in a few words", () => {
  assert.equal(describeValue(null), "null");
  assert.equal(describeValue([1, 2, 3]), "an array of 3");
  assert.equal(describeValue({ type: "pong" }), "an object with keys type");
  assert.equal(describeValue("ws://x"), 'string "ws://x"');
  assert.equal(describeValue(undefined), "undefined");
});

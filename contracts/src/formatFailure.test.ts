import assert from "node:assert/strict";
import { test } from "node:test";
import { formatFailure, formatReceived } from "./formatFailure.ts";

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

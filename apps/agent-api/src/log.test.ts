import assert from "node:assert/strict";
import { test } from "node:test";
import { BOOT_CORRELATION_ID, createLogger, describeError, REDACTED, writeUnredacted } from "./log.ts";
import { logContext } from "./logContext.ts";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjoxfQ.c2lnbmF0dXJl";

function capture(level: "debug" | "info" = "info") {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger(level, (line) => lines.push(JSON.parse(line)));
  return { log, lines };
}

test("every line has time, level, event and the correlation id of its context, else the boot id", () => {
  const { log, lines } = capture();
  log.info("listening", { port: 1 });
  logContext.run({ correlationId: "req-1" }, () => log.warn("pool_saturated", { waiting: 2 }));
  log.debug("dropped below the level");
  assert.equal(lines.length, 2);
  assert.deepEqual(Object.keys(lines[0] ?? {}).sort(), ["correlation_id", "event", "level", "port", "time"]);
  assert.equal(lines[0]?.correlation_id, BOOT_CORRELATION_ID);
  assert.deepEqual(
    { ...lines[1], time: undefined },
    {
      level: "warn",
      time: undefined,
      correlation_id: "req-1",
      waiting: 2,
      event: "pool_saturated",
    },
  );
  assert.match(String(lines[0]?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("secrets are redacted at the logger: by field name, and JWTs or Bearer values anywhere", () => {
  const { log, lines } = capture();
  log.info("request", {
    authorization: `Bearer ${JWT}`,
    token: "opaque-secret",
    nested: { secret: "s3cr3t", note: `pasted ${JWT} here` },
    error_message: "header was Bearer abc.def",
  });
  const text = JSON.stringify(lines);
  assert.ok(
    !text.includes(JWT) &&
      !text.includes("opaque-secret") &&
      !text.includes("s3cr3t") &&
      !text.includes("abc.def"),
  );
  assert.deepEqual(lines[0]?.nested, { secret: REDACTED, note: `pasted ${REDACTED} here` });
  assert.equal(lines[0]?.authorization, REDACTED);
});

test("only writeUnredacted (the log_token fault) gets a token past the redaction", () => {
  const { log, lines } = capture();
  writeUnredacted(log, "request", { authorization: `Bearer ${JWT}` });
  assert.equal(lines[0]?.authorization, `Bearer ${JWT}`);
});

test("describeError gives a stable error_type", () => {
  assert.equal(describeError(new Error("Connection terminated unexpectedly")).error_type, "db_unavailable");
  assert.equal(
    describeError(Object.assign(new Error("dup"), { code: "23505" })).error_type,
    "db_query_failed",
  );
  assert.equal(describeError(new TypeError("x")).error_type, "internal");
  assert.deepEqual(describeError("a string"), { error_type: "internal", error: "string" });
});

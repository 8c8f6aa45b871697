import assert from "node:assert/strict";
import { test } from "node:test";
import type pg from "pg";
import type { Logger } from "../log.ts";
import { DatabaseMonitor, DatabaseUnavailableError } from "./DatabaseMonitor.ts";

function fakePool(answer: () => Promise<unknown>) {
  return { query: answer, totalCount: 1, idleCount: 1, waitingCount: 0 } as unknown as pg.Pool;
}
function recorder() {
  const events: string[] = [];
  const write = (event: string) => {
    events.push(event);
  };
  const log: Logger = { debug: write, info: write, warn: write, error: write };
  return { log, events };
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const options = (noReconnect = false) => ({
  intervalMs: 20,
  probeTimeoutMs: 50,
  backoff: { baseMs: 10, maxMs: 40 },
  noReconnect: () => noReconnect,
});

test("a connection failure marks it down at once, rejects whenDown, and a later probe brings it back", async () => {
  let up = false;
  const { log, events } = recorder();
  const monitor = new DatabaseMonitor(
    fakePool(() => (up ? Promise.resolve({}) : Promise.reject(new Error("connect ECONNREFUSED")))),
    1,
    log,
    options(),
  );
  const down = monitor.whenDown();
  monitor.start();
  monitor.recordFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
  assert.equal(monitor.up, false);
  await assert.rejects(down, DatabaseUnavailableError);
  up = true;
  for (let i = 0; i < 50 && !monitor.up; i++) await wait(10);
  assert.equal(monitor.up, true);
  assert.deepEqual(
    events.filter((e) => e.startsWith("db_")),
    ["db_connection_lost", "db_reconnected"],
  );
  monitor.stop();
});

test("a query refused by the database (not a connection problem) does not count as an outage", () => {
  const { log } = recorder();
  const monitor = new DatabaseMonitor(
    fakePool(() => Promise.resolve({})),
    1,
    log,
    options(),
  );
  monitor.recordFailure(Object.assign(new Error("duplicate key"), { code: "23505" }));
  assert.equal(monitor.up, true);
});

test("a probe that hangs past its timeout is an outage; with no_reconnect it never comes back", async () => {
  const { log, events } = recorder();
  const monitor = new DatabaseMonitor(
    fakePool(() => new Promise(() => undefined)),
    1,
    log,
    options(true),
  );
  monitor.start();
  for (let i = 0; i < 50 && monitor.up; i++) await wait(10);
  assert.equal(monitor.up, false);
  await wait(150);
  assert.equal(monitor.up, false);
  assert.deepEqual(
    events.filter((e) => e.startsWith("db_")),
    ["db_connection_lost"],
  );
  monitor.stop();
});

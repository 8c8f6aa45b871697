import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { PLAYWRIGHT_OPTIONS, parseE2eArgs } from "./parseE2eArgs.ts";

test("--shard is taken out; every Playwright arg passes through as written and in order", () => {
  assert.deepEqual(parseE2eArgs(["--project=ws", "--shard=2/3", "packages/ws"]), {
    kind: "run",
    shard: { current: 2, total: 3 },
    args: ["--project=ws", "packages/ws"],
  });
  assert.deepEqual(
    parseE2eArgs(["--shard", "1/1", "-g", "health", "-xj2", "--project", "a", "--project=b"]),
    {
      kind: "run",
      shard: { current: 1, total: 1 },
      args: ["-g", "health", "-xj2", "--project", "a", "--project=b"],
    },
  );
  // Options whose value is optional keep their form: bare, inline, or followed by a test filter.
  assert.deepEqual(parseE2eArgs(["--debug", "--shuffle=42", "-u", "a.spec.ts", "--", "--weird"]), {
    kind: "run",
    shard: null,
    args: ["--debug", "--shuffle=42", "-u", "a.spec.ts", "--", "--weird"],
  });
  assert.deepEqual(parseE2eArgs(["--list", "shards"]), {
    kind: "run",
    shard: null,
    args: ["--list", "shards"],
  });
  assert.deepEqual(parseE2eArgs([]), { kind: "run", shard: null, args: [] });
});

test("subcommands are recognised only as the first argument (a test filter named shards must not start shards)", () => {
  assert.deepEqual(parseE2eArgs(["shards", "3", "--project=ws"]), {
    kind: "shards",
    count: 3,
    args: ["--project=ws"],
  });
  assert.deepEqual(parseE2eArgs(["record-durations"]), {
    kind: "record-durations",
    from: "reports/results.json",
    out: "shard-durations.json",
  });
  assert.deepEqual(parseE2eArgs(["record-durations", "--from=r.json", "--out", "d.json"]), {
    kind: "record-durations",
    from: "r.json",
    out: "d.json",
  });
});

test("the pass-through list matches the installed playwright test's options (a Playwright upgrade that adds one fails here)", () => {
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  const help = spawnSync(process.execPath, [cli, "test", "--help"], { encoding: "utf8" }).stdout;
  const installed = [...help.matchAll(/^ {2}(?:-(\w)(?:, | ))?(?:--([\w-]+))?/gm)]
    .map((m) => m[2] ?? m[1])
    .filter((name): name is string => Boolean(name) && name !== "help" && name !== "shard");
  assert.ok(installed.length > 30, `parsed ${installed.length} options from playwright test --help`);
  assert.deepEqual([...PLAYWRIGHT_OPTIONS].sort(), installed.sort());
});

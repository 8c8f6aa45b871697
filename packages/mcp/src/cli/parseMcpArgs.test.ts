import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMcpArgs } from "./parseMcpArgs.ts";

const seed = () => 99;

test("flags, and the environment for URL and token", () => {
  const args = parseMcpArgs(
    [
      "--url=http://127.0.0.1:3001/mcp",
      "--config",
      "t.json",
      "--era",
      "both",
      "--seed",
      "7",
      "--call-destructive",
    ],
    { ASSAY_MCP_TOKEN: "tok" },
    seed,
  );
  assert.deepEqual(args, {
    help: false,
    url: "http://127.0.0.1:3001/mcp",
    token: "tok",
    config: "t.json",
    era: "both",
    seed: 7,
    seedGiven: true,
    out: "reports/mcp",
    callDestructive: true,
  });
  const env = parseMcpArgs([], { ASSAY_MCP_URL: "https://staging.example/mcp" }, seed);
  assert.equal(env.url, "https://staging.example/mcp");
  assert.equal(env.seed, 99);
  assert.equal(env.era, "auto");
  assert.equal(parseMcpArgs(["--help"], {}, seed).help, true);
});

test("bad input is one line naming the flag", () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /no MCP URL: pass --url <url> or set ASSAY_MCP_URL/],
    [["--url", "nope"], /--url "nope" is not a URL/],
    [["--url", "ftp://x/mcp"], /--url must be http\(s\)/],
    [["--url", "http://x", "--era", "old"], /--era must be one of auto, session, stateless, both, got "old"/],
    [["--url", "http://x", "--seed=-1"], /--seed must be a whole number/],
    [["--url", "http://x", "--seed", "x1"], /--seed must be a whole number, got "x1"/],
    [["--url", "http://x", "--bogus"], /Unknown option '--bogus'.*see assay mcp --help/],
    [["--url"], /--url <value>' argument missing/],
    [["--url", "http://x", "extra"], /Unexpected argument 'extra'/],
  ];
  for (const [argv, message] of cases)
    assert.throws(
      () => parseMcpArgs(argv, {}, seed),
      (error: Error) =>
        message.test(error.message) && error.message.startsWith("[assay/mcp] ") && !/\n/.test(error.message),
      `${argv.join(" ")}`,
    );
});

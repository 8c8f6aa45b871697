import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test as nodeTest } from "node:test";
import { promisify } from "node:util";
import { expect } from "./index.ts";

// The fixtures are proven the only way that counts: a real Playwright run of a small spec that
// imports this package, against the real reference service on an embedded database.
const repo = join(import.meta.dirname, "..", "..", "..");
const root = mkdtempSync(join(tmpdir(), "assay-test-"));
const admin = randomBytes(32).toString("hex");
let service: ChildProcess | undefined;
let baseURL = "";

before(async () => {
  service = spawn(process.execPath, [join(repo, "apps", "agent-api", "src", "main.ts")], {
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
      ASSAY_ADMIN_TOKEN: admin,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: service.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    service?.once("exit", (code) => reject(new Error(`agent-api exited with ${code} before listening`)));
    lines.on("line", (line) => {
      const entry = JSON.parse(line) as { event?: string; port?: number };
      if (entry.event === "listening") resolve(Number(entry.port));
    });
  });
  baseURL = `http://127.0.0.1:${port}`;
});
after(async () => {
  service?.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
});

type Result = {
  status: string;
  errors: Array<{ message?: string }>;
  annotations: Array<{ type: string; description: string }>;
};

/** Runs `spec` (which gets `OUT`, a file to write to) with Playwright against the service. */
async function runSpec(
  spec: string,
): Promise<{ results: Map<string, Result>; out: Record<string, unknown> }> {
  symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(root, "node_modules"), "dir");
  writeFileSync(join(root, "package.json"), '{ "type": "module" }');
  writeFileSync(
    join(root, "playwright.config.ts"),
    'export default { testDir: ".", workers: 1, reporter: [["json", { outputFile: "results.json" }]] };\n',
  );
  const out = join(root, "out.json");
  writeFileSync(
    join(root, "fixtures.spec.ts"),
    `const OUT = ${JSON.stringify(out)};\nimport { expect, test } from ${JSON.stringify(join(import.meta.dirname, "index.ts"))};\n${spec}`,
  );
  const cli = join(import.meta.dirname, "..", "node_modules", "@playwright", "test", "cli.js");
  await promisify(execFile)(process.execPath, [cli, "test", "--config", "playwright.config.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      CI: "1",
      FORCE_COLOR: "0",
      ASSAY_PORT: new URL(baseURL).port,
      ASSAY_ADMIN_TOKEN: admin,
      ASSAY_RUN_ID: "run-test-fixtures",
    },
  }).catch((error: { code?: number }) => {
    // Exit 1 is "a test failed": the report says which; anything else is a broken run.
    if (error.code !== 1) throw error;
  });
  const report = JSON.parse(readFileSync(join(root, "results.json"), "utf8"));
  const results = new Map<string, Result>();
  for (const spec of report.suites[0].specs) results.set(spec.title, spec.tests[0].results[0]);
  return { results, out: JSON.parse(readFileSync(out, "utf8")) };
}

// Catches fixtures that do not resolve (no target, no user, no socket), that leave users or
// sockets behind, a merged expect that lost a matcher, and a connectWs that records no latency.
nodeTest(
  "in a real Playwright run the fixtures resolve, the matchers work, and teardown removes what they made",
  async () => {
    const { results, out } = await runSpec(`
import { writeFileSync } from "node:fs";
const seen = {};
let socket;
test("a user with a socket runs an agent", async ({ target, users, connectWs, faults, testSupport }) => {
  const alice = await users.create();
  await faults.enable(alice.id, "stack_traces");
  expect((await testSupport.routes()).length).toBeGreaterThan(10);
  await expect(await alice.api.get("/v1/me")).toMatchContract("http/user.v1");
  socket = await connectWs({ token: alice.token });
  await expect(socket).toReceiveEvent({ type: "session_ready", user_id: alice.id });
  const conversation = await (await alice.api.post("/v1/conversations", { data: { title: "t" } })).json();
  const accepted = await alice.api.post(\`/v1/conversations/\${conversation.id}/messages\`, { data: { content: "#tool:echo hi" } });
  const runId = (await accepted.json()).run.id;
  await expect(socket).toFollowRunGrammar(runId, { tools: 1 });
  Object.assign(seen, { baseURL: target.baseURL, id: alice.id, token: alice.token, events: socket.runEvents(runId).length });
});
test("a broken contract fails the test", async () => {
  await expect({ type: "pong", ts: "yesterday" }).toMatchContract("ws/pong.v1");
});
test.afterAll(() => writeFileSync(OUT, JSON.stringify({ ...seen, socketState: socket?.socket.readyState })));
`);
    const ran = results.get("a user with a socket runs an agent");
    assert.equal(ran?.status, "passed", JSON.stringify(ran?.errors));
    assert.equal(out.baseURL, baseURL, "target resolved from the environment");
    assert.equal(out.socketState, 3, "connectWs closed the socket after the test (CLOSED)");
    const me = await fetch(`${baseURL}/v1/me`, { headers: { authorization: `Bearer ${out.token}` } });
    assert.equal(me.status, 401, "users deleted the user after the test: its token no longer works");
    const faults = await fetch(`${baseURL}/v1/test-support/faults`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const left = ((await faults.json()) as { faults: Array<{ user_id: string }> }).faults;
    assert.deepEqual(
      left.filter((f) => f.user_id === out.id),
      [],
      "the fault was switched off after the test",
    );
    const types = ran.annotations.map((a) => a.type);
    assert.ok(types.includes("assay:contract"), "toMatchContract recorded coverage");
    const delivery = ran.annotations.filter(
      (a) => a.type === "assay:latency" && a.description.includes('"event_delivery"'),
    );
    assert.ok(Number(out.events) >= 4, "the run had its events");
    assert.equal(delivery.length, out.events, "one event_delivery sample per event of the run");
    assert.equal(types.filter((t) => t === "assay:clock-offset").length, 1);
    const broken = results.get("a broken contract fails the test");
    assert.equal(broken?.status, "failed");
    assert.match(broken?.errors[0]?.message ?? "", /Contract: ws\/pong\.v1\n {2}\/ts must match/);
  },
);

nodeTest(
  "outside a test, the merged expect still carries every Assay matcher next to Playwright's own",
  async () => {
    await expect({ type: "pong", ts: "2026-01-01T00:00:00.000Z" }).toMatchContract("ws/pong.v1");
    await assert.rejects(
      async () => expect([] as unknown[]).toFollowRunGrammar("run-1"),
      /no events for this run/,
    );
    expect([1, 2]).toHaveLength(2);
  },
);

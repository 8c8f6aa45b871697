/**
 * @assay/load on the client side: how many authenticated sessions one process holds with runs
 * flowing and every event checked, the client memory each costs, and events/s with the full
 * checks against a bare `ws` client on the same traffic (and, when it is installed, against
 * Artillery's WebSocket engine on the same scenario).
 *
 * The server is bench/loadServer.ts in a child process (its memory is not the client's): it
 * checks each session's HS256 token and answers `start` with a valid run. The checks are the
 * real ones: openLoadSocket (contract of every frame, event delivery latency, ownership) and
 * checkRunOutcome (grammar, seq, tool pairing) per run. HTTP is not part of this bench.
 *
 * Run: node --expose-gc bench/load.bench.ts [sessions=10000] [holdSeconds=30]
 * Exit 1 when a target is missed: ≥ 10,000 sessions, ≤ 40 KB client RSS per session, full checks
 * ≥ 0.7× a bare client's events/s, 0 problems.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { checkRunOutcome } from "../packages/load/src/checkRunOutcome.ts";
import { createLatencyRecorder } from "../packages/load/src/createLatencyRecorder.ts";
import { createProblemLog } from "../packages/load/src/createProblemLog.ts";
import { type LoadSocket, openLoadSocket, wallNow } from "../packages/load/src/openLoadSocket.ts";
import { benchEnv } from "./env.ts";

const SESSIONS = Number(process.argv[2] ?? 10_000);
const HOLD_S = Number(process.argv[3] ?? 30);
const TARGET = { sessions: 10_000, kbPerSession: 40, ratio: 0.7 };
const THROUGHPUT_SESSIONS = 50;
const THROUGHPUT_RUNS = 300;
const TOOLS = 2;
const EVENTS_PER_RUN = 4 + 2 * TOOLS;

const secret = randomBytes(32).toString("hex");
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function token(sub: string): string {
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const gc = (globalThis as { gc?: () => void }).gc;
const settle = async () => {
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await sleep(100);
  }
};

const server = spawn(process.execPath, [join(import.meta.dirname, "loadServer.ts"), secret], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve) =>
  createInterface({ input: server.stdout }).once("line", (line) => resolve(Number(line))),
);
const url = `ws://127.0.0.1:${port}/v1/ws`;
const serverSent = async () =>
  ((await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { sent: number }).sent;

/** Assay: every frame's contract, ownership and delivery latency; every run's grammar. */
async function assayThroughput(): Promise<number> {
  const latency = createLatencyRecorder();
  const problems = createProblemLog();
  const owners = new Map<string, string>();
  const sockets = await Promise.all(
    Array.from({ length: THROUGHPUT_SESSIONS }, (_, i) =>
      openLoadSocket({ url, token: token(randomUUID()), user: `user ${i}`, owners, latency, problems }),
    ),
  );
  const started = wallNow();
  let events = 0;
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (let r = 0; r < THROUGHPUT_RUNS; r += 1) {
        const runId = randomUUID();
        const sentAt = wallNow();
        const waiting = socket.waitRun(runId, 30_000);
        socket.send({ type: "start", run_id: runId, tools: TOOLS });
        const outcome = await waiting;
        events += outcome.frames.length;
        const expected = { tools: TOOLS, terminal: "agent_completed" as const };
        checkRunOutcome(outcome, { user: `user ${i}`, expected, sentAt, checked: true, latency, problems });
      }
    }),
  );
  const rate = events / ((wallNow() - started) / 1000);
  await Promise.all(sockets.map((s) => s.close()));
  if (problems.total > 0)
    throw new Error(`bench: ${problems.total} problems, e.g. ${problems.examples()[0]?.message}`);
  if (events !== THROUGHPUT_SESSIONS * THROUGHPUT_RUNS * EVENTS_PER_RUN)
    throw new Error(`bench: ${events} events`);
  return rate;
}

/** A bare ws client on the same traffic: JSON.parse each event, wait for agent_completed. */
async function bareThroughput(): Promise<number> {
  const sockets = await Promise.all(
    Array.from(
      { length: THROUGHPUT_SESSIONS },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const headers = { authorization: `Bearer ${token(randomUUID())}` };
          const ws = new WebSocket(url, { headers, perMessageDeflate: false });
          ws.once("message", () => resolve(ws));
          ws.once("error", reject);
        }),
    ),
  );
  const started = wallNow();
  let events = 0;
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          let runs = 0;
          const next = () => ws.send(JSON.stringify({ type: "start", run_id: randomUUID(), tools: TOOLS }));
          ws.on("message", (data: Buffer) => {
            events += 1;
            if ((JSON.parse(data.toString()) as { type: string }).type !== "agent_completed") return;
            runs += 1;
            if (runs === THROUGHPUT_RUNS) resolve();
            else next();
          });
          next();
        }),
    ),
  );
  const rate = events / ((wallNow() - started) / 1000);
  for (const ws of sockets) ws.close();
  return rate;
}

/**
 * `sessions` authenticated sessions, each starting a run every `periodS` seconds for `holdS`
 * seconds, every event checked. Client RSS per session = RSS growth after GC / sessions.
 */
async function capacity(sessions: number, periodS: number, holdS: number) {
  await settle();
  const rss0 = process.memoryUsage().rss;
  const latency = createLatencyRecorder();
  const problems = createProblemLog();
  const owners = new Map<string, string>();
  const sockets: LoadSocket[] = [];
  const openStarted = wallNow();
  for (let i = 0; i < sessions; i += 500) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(500, sessions - i) }, (_, j) =>
        openLoadSocket({ url, token: token(randomUUID()), user: `user ${i + j}`, owners, latency, problems }),
      ),
    );
    sockets.push(...batch);
  }
  const openS = (wallNow() - openStarted) / 1000;
  const sent0 = await serverSent();
  const holdStart = wallNow();
  let runs = 0;
  let peakRss = 0;
  await Promise.all(
    sockets.map(async (socket, i) => {
      await sleep(Math.random() * periodS * 1000);
      while (wallNow() - holdStart < holdS * 1000) {
        const runId = randomUUID();
        const sentAt = wallNow();
        const waiting = socket.waitRun(runId, 30_000);
        socket.send({ type: "start", run_id: runId, tools: TOOLS });
        const outcome = await waiting;
        const expected = { tools: TOOLS, terminal: "agent_completed" as const };
        checkRunOutcome(outcome, { user: `user ${i}`, expected, sentAt, checked: true, latency, problems });
        runs += 1;
        if (i === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await sleep(Math.max(0, periodS * 1000 - (wallNow() - sentAt)));
      }
    }),
  );
  const eventsPerS = ((await serverSent()) - sent0) / ((wallNow() - holdStart) / 1000);
  await settle();
  const rss1 = process.memoryUsage().rss;
  const open = sockets.filter((s) => s.isOpen).length;
  for (let i = 0; i < sockets.length; i += 1000)
    await Promise.all(sockets.slice(i, i + 1000).map((s) => s.close()));
  return {
    sessions: open,
    openS,
    kbPerSession: (rss1 - rss0) / 1024 / sessions,
    peakKbPerSession: (Math.max(peakRss, rss1) - rss0) / 1024 / sessions,
    runs,
    eventsPerS,
    problems: problems.total,
    example: problems.examples()[0]?.message,
    delivery: latency.stats("event_delivery"),
  };
}

/** Artillery's ws engine on the same scenario, when ASSAY_ARTILLERY names its binary. */
async function artillery(bin: string, sessions: number, periodS: number, holdS: number) {
  const rampS = Math.max(5, Math.ceil(sessions / 500));
  const loops = Math.ceil(holdS / periodS);
  const config = join(os.tmpdir(), `assay-artillery-${process.pid}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      config: {
        target: url,
        ws: { headers: { authorization: `Bearer ${token(randomUUID())}` } },
        phases: [{ duration: rampS, arrivalCount: sessions }],
      },
      scenarios: [
        {
          engine: "ws",
          flow: [
            {
              loop: [
                { send: JSON.stringify({ type: "start", run_id: "artillery", tools: TOOLS }) },
                { think: periodS },
              ],
              count: loops,
            },
          ],
        },
      ],
    }),
  );
  const sent0 = await serverSent();
  const started = wallNow();
  const child = spawn(bin, ["run", "--quiet", config], { stdio: "ignore" });
  let peak = 0;
  const rssOf = (pid: number): number => {
    const out = spawnSync("ps", ["-o", "rss=", "--ppid", String(pid), "-p", String(pid)], {
      encoding: "utf8",
    }).stdout;
    return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
  };
  const timer = setInterval(() => {
    if (child.pid) peak = Math.max(peak, rssOf(child.pid));
  }, 500);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  const seconds = (wallNow() - started) / 1000;
  return {
    code,
    peakKb: peak,
    kbPerSession: peak / sessions,
    eventsPerS: ((await serverSent()) - sent0) / seconds,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
let failed = false;
try {
  await bareThroughput(); // warm-up: JIT, socket buffers
  await assayThroughput();
  const bare: number[] = [];
  const assay: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    bare.push(await bareThroughput());
    assay.push(await assayThroughput());
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[1] ?? 0;
  const ratio = median(assay) / median(bare);
  console.log(
    `load: throughput with full checks ${Math.round(median(assay))} ev/s, bare ws ${Math.round(median(bare))} ev/s, ratio ${ratio.toFixed(2)} (target >= ${TARGET.ratio}); ${THROUGHPUT_SESSIONS} sessions × ${THROUGHPUT_RUNS} runs of ${EVENTS_PER_RUN} events, median of 3; load avg ${load()}`,
  );
  if (ratio < TARGET.ratio) failed = true;

  const period = Math.max(1, SESSIONS / 500);
  const cap = await capacity(SESSIONS, period, HOLD_S);
  console.log(
    `load: capacity ${cap.sessions} authenticated sessions held ${HOLD_S} s (opened in ${round1(cap.openS)} s), a run every ${period} s each: ${cap.runs} runs, ${Math.round(cap.eventsPerS)} ev/s, every event checked, ${cap.problems} problems; client RSS ${round1(cap.kbPerSession)} KB/session after GC (peak ${round1(cap.peakKbPerSession)}) (target >= ${TARGET.sessions} sessions, <= ${TARGET.kbPerSession} KB); delivery p95 ${cap.delivery?.p95 ?? "–"} ms; load avg ${load()}`,
  );
  if (cap.example) console.log(`  first problem: ${cap.example}`);
  if (
    cap.sessions < Math.min(SESSIONS, TARGET.sessions) ||
    cap.kbPerSession > TARGET.kbPerSession ||
    cap.problems > 0
  )
    failed = true;

  const bin = benchEnv.ASSAY_ARTILLERY;
  if (bin && existsSync(bin)) {
    const sessions = Number(benchEnv.ASSAY_ARTILLERY_SESSIONS ?? 2000);
    const periodA = Math.max(1, sessions / 500);
    const ours = await capacity(sessions, periodA, HOLD_S);
    const theirs = await artillery(bin, sessions, periodA, HOLD_S);
    const perGb = (kb: number) => Math.round((1024 * 1024) / Math.max(kb, 0.001));
    console.log(
      `load: vs Artillery 2.0.34 ws engine, ${sessions} sessions, a run every ${periodA} s, ${HOLD_S} s: Assay ${perGb(ours.peakKbPerSession)} sessions/GB (${round1(ours.peakKbPerSession)} KB each, peak) at ${Math.round(ours.eventsPerS)} ev/s with every event checked; Artillery ${perGb(theirs.kbPerSession)} sessions/GB (${round1(theirs.kbPerSession)} KB each, peak RSS ${Math.round(theirs.peakKb / 1024)} MB, exit ${theirs.code}) at ${Math.round(theirs.eventsPerS)} ev/s, events unchecked; ratio ${(perGb(ours.peakKbPerSession) / perGb(theirs.kbPerSession)).toFixed(1)}× sessions/GB; load avg ${load()}`,
    );
  } else {
    console.log(
      "load: Artillery not measured: set ASSAY_ARTILLERY to its binary (npm install --prefix ~/.cache/assay/artillery artillery@2.0.34; see packages/load/README.md)",
    );
  }
} finally {
  server.kill();
}
process.exitCode = failed ? 1 : 0;

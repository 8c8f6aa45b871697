/**
 * Test support for bench/load.bench.ts (not a benchmark): one client process that opens
 * `sessions` authenticated sessions to bench/loadServer.ts, holds them `holdS` seconds with a
 * run started on every session every `periodS` seconds, and prints what that cost as one JSON
 * line. A fresh process per measurement, so the memory of one side never counts for the other.
 *
 * - `assay`: @assay/load's checking socket (openLoadSocket: every frame's contract, delivery
 *   latency and ownership) and checkRunOutcome (grammar, seq, tool pairing) on every run.
 * - `bare`: a `ws` client that JSON.parses every frame and waits for `agent_completed`.
 *
 * The process's fixed costs (modules, compiled contracts, histograms) are paid before the first
 * RSS sample; per-session figures are the RSS growth over that, divided by the open sessions.
 *
 * Run: node --expose-gc bench/loadClients.ts <assay|bare> <port> <secret> <sessions> <periodS> <holdS>
 */
import { createHmac, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { checkEventContract } from "../packages/load/src/checkEventContract.ts";
import { checkRunOutcome } from "../packages/load/src/checkRunOutcome.ts";
import { createLatencyRecorder } from "../packages/load/src/createLatencyRecorder.ts";
import { createProblemLog } from "../packages/load/src/createProblemLog.ts";
import { openLoadSocket, wallNow } from "../packages/load/src/openLoadSocket.ts";

const [kind, portArg, secret = "", sessionsArg, periodArg, holdArg] = process.argv.slice(2);
if (kind !== "assay" && kind !== "bare") {
  console.error("loadClients: the first argument must be assay or bare");
  process.exit(2);
}
const port = Number(portArg);
const SESSIONS = Number(sessionsArg);
const PERIOD_S = Number(periodArg);
const HOLD_S = Number(holdArg);
const TOOLS = 2;
const url = `ws://127.0.0.1:${port}/v1/ws`;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function token(sub: string): string {
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}
const gc = (globalThis as { gc?: () => void }).gc;
const settle = async () => {
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await sleep(100);
  }
};

/** One session as the hold loop drives it: start a run and resolve with its event count. */
type Session = { run(): Promise<number>; isOpen(): boolean; close(): void };

const latency = createLatencyRecorder();
const problems = createProblemLog();
const owners = new Map<string, string>();

async function openAssay(i: number): Promise<Session> {
  const user = `user ${i}`;
  const socket = await openLoadSocket({ url, token: token(randomUUID()), user, owners, latency, problems });
  const expected = { tools: TOOLS, terminal: "agent_completed" as const };
  return {
    async run() {
      const runId = randomUUID();
      const sentAt = wallNow();
      const waiting = socket.waitRun(runId, 60_000);
      socket.send({ type: "start", run_id: runId, tools: TOOLS });
      const outcome = await waiting;
      checkRunOutcome(outcome, { user, expected, sentAt, checked: true, latency, problems });
      return outcome.frames.length;
    },
    isOpen: () => socket.isOpen,
    close: () => void socket.close(),
  };
}

function openBare(): Promise<Session> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token(randomUUID())}` };
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    let events = 0;
    let done: ((events: number) => void) | undefined;
    ws.on("message", (data: Buffer) => {
      const event = JSON.parse(data.toString()) as { type: string };
      if (event.type === "session_ready") {
        resolve({
          run() {
            events = 0;
            ws.send(JSON.stringify({ type: "start", run_id: randomUUID(), tools: TOOLS }));
            return new Promise((r) => {
              done = r;
            });
          },
          isOpen: () => ws.readyState === WebSocket.OPEN,
          close: () => ws.close(),
        });
        return;
      }
      events += 1;
      if (event.type === "agent_completed") done?.(events);
    });
    ws.once("error", reject);
  });
}

// Fixed costs first: every contract compiled, one histogram per step.
if (kind === "assay") {
  for (const type of [
    "agent_started",
    "agent_thinking",
    "tool_executing",
    "tool_completed",
    "agent_completed",
  ])
    checkEventContract({ type });
}
await settle();
const heap0 = process.memoryUsage();
const rss0 = heap0.rss;
const sessions: Session[] = [];
const openStarted = wallNow();
for (let i = 0; i < SESSIONS; i += 500) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(500, SESSIONS - i) }, (_, j) =>
      kind === "assay" ? openAssay(i + j) : openBare(),
    ),
  );
  sessions.push(...batch);
}
const openS = (wallNow() - openStarted) / 1000;
await settle();
const rssOpen = process.memoryUsage().rss;

let peakRss = rssOpen;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const cpu0 = process.cpuUsage();
const holdStart = wallNow();
let runs = 0;
let events = 0;
await Promise.all(
  sessions.map(async (session) => {
    let next = holdStart + Math.random() * PERIOD_S * 1000;
    while (next < holdStart + HOLD_S * 1000) {
      await sleep(Math.max(0, next - wallNow()));
      const received = await session.run();
      events += received;
      runs += 1;
      next += PERIOD_S * 1000;
    }
  }),
);
const holdS = (wallNow() - holdStart) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await settle();
const held = process.memoryUsage();
const rssHeld = held.rss;
const open = sessions.filter((s) => s.isOpen()).length;
const kb = (bytes: number) => bytes / 1024 / SESSIONS;
process.stdout.write(
  `${JSON.stringify({
    kind,
    sessions: open,
    openS,
    holdS,
    rss0Mb: rss0 / 1024 / 1024,
    peakRssMb: peakRss / 1024 / 1024,
    kbPerSessionOpen: kb(rssOpen - rss0),
    kbPerSessionHeld: kb(rssHeld - rss0),
    kbPerSessionPeak: kb(peakRss - rss0),
    heapKbPerSessionHeld: kb(held.heapUsed - heap0.heapUsed),
    externalKbPerSessionHeld: kb(held.external + held.arrayBuffers - heap0.external - heap0.arrayBuffers),
    runs,
    events,
    eventsPerS: events / holdS,
    cpuMsPerKEvent: events > 0 ? (cpu.user + cpu.system) / events : 0,
    problems: problems.total,
    example: problems.examples()[0]?.message,
    delivery: latency.stats("event_delivery"),
  })}\n`,
);
for (const session of sessions) session.close();
await sleep(500);
process.exit(0);

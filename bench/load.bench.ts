/**
 * @assay/load on the client side, against a bare `ws` client on the same traffic:
 *
 * 1. Throughput: events/s with every check on every event (openLoadSocket: each frame's
 *    contract, delivery latency and ownership; checkRunOutcome: each run's grammar, seq and tool
 *    pairing) vs a bare `ws` client that JSON.parses every frame and waits for
 *    `agent_completed`. Paired and interleaved (bench/pairedRatio.ts): one round runs both sides
 *    back to back on the same sessions and yields one ratio; the verdict is the median. Events
 *    per client CPU-second are printed beside it (the server is another process).
 * 2. Capacity: `sessions` authenticated sessions held `holdS` seconds, every one starting a run
 *    every sessions/500 seconds, every event checked; client RSS per session, in a fresh
 *    process per side (bench/loadClients.ts), bare `ws` first, then Assay.
 *    Then each check's CPU per event, timed alone without sockets (bench/checkCost.ts).
 * 3. With ASSAY_ARTILLERY set: the same scenario driven by Artillery's WebSocket engine
 *    (sessions per GB of the client's peak RSS, events/s), installed outside the repository.
 *
 * The server is bench/loadServer.ts in a child process (its memory and CPU are not the
 * client's): it checks each session's HS256 token and answers `start` with a valid run.
 * Figures go to stdout and reports/bench/load.json, each with the load average beside it.
 *
 * Run: node --expose-gc bench/load.bench.ts [sessions=10000] [holdSeconds=30] [rounds=21] (sessions 0: throughput only)
 * Exit 1 when a target is missed: ≥ 10,000 sessions, ≤ 40 KB client RSS per session, full checks
 * ≥ 0.7× a bare client's events/s, 0 problems.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import WebSocket from "ws";
import { checkRunOutcome } from "../packages/load/src/checkRunOutcome.ts";
import { createLatencyRecorder } from "../packages/load/src/createLatencyRecorder.ts";
import { createProblemLog } from "../packages/load/src/createProblemLog.ts";
import { type LoadSocket, openLoadSocket, wallNow } from "../packages/load/src/openLoadSocket.ts";
import { checkCost } from "./checkCost.ts";
import { benchEnv } from "./env.ts";
import { formatPairedRatio, pairedRatio } from "./pairedRatio.ts";

const SESSIONS = Number(process.argv[2] ?? 10_000);
const HOLD_S = Number(process.argv[3] ?? 30);
const ROUNDS = Number(process.argv[4] ?? 21);
const TARGET = { sessions: 10_000, kbPerSession: 40, ratio: 0.7, artilleryPerGb: 5 };
const THROUGHPUT_SESSIONS = 50;
const RUNS_PER_ROUND = 40;
const TOOLS = 2;
const EVENTS_PER_RUN = 4 + 2 * TOOLS;
const ARTILLERY_VERSION = "2.0.34";

const secret = randomBytes(32).toString("hex");
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function token(sub: string): string {
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}
const loadAvg = () => os.loadavg().map((l) => Number(l.toFixed(1)));
const round1 = (n: number) => Math.round(n * 10) / 10;
const report: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, node: process.version, fdLimit: fdLimit() },
};

function fdLimit(): string {
  return spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim();
}

const server = spawn(process.execPath, [join(import.meta.dirname, "loadServer.ts"), secret], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve) =>
  createInterface({ input: server.stdout }).once("line", (line) => resolve(Number(line))),
);
const url = `ws://127.0.0.1:${port}/v1/ws`;
const serverStats = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { sent: number; cpuMs: number };

/** Per side, per round: wall ms and client CPU ms of RUNS_PER_ROUND runs on every session. */
type Side = { wall: number[]; cpu: number[]; system: number[]; faults: number[]; switches: number[] };
const timeSide = async (side: Side, work: () => Promise<void>): Promise<number> => {
  const cpu0 = process.cpuUsage();
  const usage0 = process.resourceUsage();
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const usage = process.resourceUsage();
  side.faults.push(usage.minorPageFault - usage0.minorPageFault);
  side.switches.push(
    usage.voluntaryContextSwitches -
      usage0.voluntaryContextSwitches +
      usage.involuntaryContextSwitches -
      usage0.involuntaryContextSwitches,
  );
  side.wall.push(wall);
  side.cpu.push((cpu.user + cpu.system) / 1000);
  side.system.push(cpu.system / 1000);
  return wall;
};

async function throughput() {
  const latency = createLatencyRecorder();
  const problems = createProblemLog();
  const owners = new Map<string, string>();
  const assaySockets: LoadSocket[] = await Promise.all(
    Array.from({ length: THROUGHPUT_SESSIONS }, (_, i) =>
      openLoadSocket({ url, token: token(randomUUID()), user: `user ${i}`, owners, latency, problems }),
    ),
  );
  const bareSockets = await Promise.all(
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
  let assayEvents = 0;
  let bareEvents = 0;
  const expected = { tools: TOOLS, terminal: "agent_completed" as const };

  /** Assay: every frame's contract, ownership and delivery latency; every run's grammar. */
  const assayRound = () =>
    Promise.all(
      assaySockets.map(async (socket, i) => {
        for (let r = 0; r < RUNS_PER_ROUND; r += 1) {
          const runId = randomUUID();
          const sentAt = wallNow();
          const waiting = socket.waitRun(runId, 30_000);
          socket.send({ type: "start", run_id: runId, tools: TOOLS });
          const outcome = await waiting;
          assayEvents += outcome.frames.length;
          checkRunOutcome(outcome, { user: `user ${i}`, expected, sentAt, checked: true, latency, problems });
        }
      }),
    ).then(() => undefined);

  /** Bare ws: JSON.parse every frame, start the next run at agent_completed. */
  const bareRound = () =>
    Promise.all(
      bareSockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            let runs = 0;
            const next = () => ws.send(JSON.stringify({ type: "start", run_id: randomUUID(), tools: TOOLS }));
            const onMessage = (data: Buffer) => {
              bareEvents += 1;
              if ((JSON.parse(data.toString()) as { type: string }).type !== "agent_completed") return;
              runs += 1;
              if (runs < RUNS_PER_ROUND) return next();
              ws.off("message", onMessage);
              resolve();
            };
            ws.on("message", onMessage);
            next();
          }),
      ),
    ).then(() => undefined);

  const bare: Side = { wall: [], cpu: [], system: [], faults: [], switches: [] };
  const assay: Side = { wall: [], cpu: [], system: [], faults: [], switches: [] };
  const server0 = await serverStats();
  const load0 = loadAvg();
  const result = await pairedRatio({
    baseline: () => timeSide(bare, bareRound),
    candidate: () => timeSide(assay, assayRound),
    rounds: ROUNDS,
    warmup: 3,
  });
  const server1 = await serverStats();
  await Promise.all(assaySockets.map((s) => s.close()));
  for (const ws of bareSockets) ws.close();
  const perRound = THROUGHPUT_SESSIONS * RUNS_PER_ROUND * EVENTS_PER_RUN;
  const totalRounds = ROUNDS + 3;
  if (assayEvents !== perRound * totalRounds || bareEvents !== perRound * totalRounds)
    throw new Error(
      `bench: ${assayEvents} checked and ${bareEvents} bare events, expected ${perRound * totalRounds} each`,
    );
  if (problems.total > 0)
    throw new Error(`bench: ${problems.total} problems, e.g. ${problems.examples()[0]?.message}`);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
  // CPU ratio: per round, the bare side's client CPU / the Assay side's; median of the rounds.
  const cpuRatios = bare.cpu.slice(3).map((c, i) => c / (assay.cpu[3 + i] ?? Number.NaN));
  const figures = {
    ratio: result.median,
    p10: result.p10,
    p90: result.p90,
    rounds: ROUNDS,
    eventsPerRound: perRound,
    assayEventsPerS: perRound / (result.candidateMs / 1000),
    bareEventsPerS: perRound / (result.baselineMs / 1000),
    assayEventsPerCpuS: perRound / (median(assay.cpu.slice(3)) / 1000),
    bareEventsPerCpuS: perRound / (median(bare.cpu.slice(3)) / 1000),
    cpuRatio: median(cpuRatios),
    // Kernel time (socket reads and writes), the same work on both sides.
    assaySystemShare: median(assay.system.slice(3)) / median(assay.cpu.slice(3)),
    bareSystemShare: median(bare.system.slice(3)) / median(bare.cpu.slice(3)),
    // Per round: page faults (heap growth) and context switches (waits for the server or the CPU).
    assayFaults: median(assay.faults.slice(3)),
    bareFaults: median(bare.faults.slice(3)),
    assaySwitches: median(assay.switches.slice(3)),
    bareSwitches: median(bare.switches.slice(3)),
    serverCpuShare: (server1.cpuMs - server0.cpuMs) / (server1.sent - server0.sent),
    checked: assayEvents,
    problems: problems.total,
    loadAvg: [load0, loadAvg()],
  };
  console.log(
    formatPairedRatio(
      `load: throughput with full checks vs bare ws (JSON.parse per frame), ${THROUGHPUT_SESSIONS} sessions × ${RUNS_PER_ROUND} runs of ${EVENTS_PER_RUN} events per round`,
      result,
      TARGET.ratio,
    ),
  );
  console.log(
    `  Assay ${Math.round(figures.assayEventsPerS)} ev/s, bare ${Math.round(figures.bareEventsPerS)} ev/s (median round); per client CPU-second: Assay ${Math.round(figures.assayEventsPerCpuS)}, bare ${Math.round(figures.bareEventsPerCpuS)}, ratio ${figures.cpuRatio.toFixed(3)} (kernel share of CPU: Assay ${figures.assaySystemShare.toFixed(2)}, bare ${figures.bareSystemShare.toFixed(2)}; page faults per round: Assay ${figures.assayFaults}, bare ${figures.bareFaults}; context switches per round: Assay ${figures.assaySwitches}, bare ${figures.bareSwitches}); ${assayEvents} events checked, 0 problems; server ${figures.serverCpuShare.toFixed(4)} CPU-ms/event; load avg ${load0.join(" ")} → ${loadAvg().join(" ")}`,
  );
  return figures;
}

type ClientFigures = {
  kind: string;
  sessions: number;
  openS: number;
  holdS: number;
  rss0Mb: number;
  peakRssMb: number;
  kbPerSessionOpen: number;
  kbPerSessionHeld: number;
  kbPerSessionPeak: number;
  runs: number;
  events: number;
  eventsPerS: number;
  cpuMsPerKEvent: number;
  problems: number;
  example?: string;
  delivery?: { p95: number };
  loadAvg: number[];
};

/** One side of the capacity measurement in a fresh process (bench/loadClients.ts). */
async function clients(kind: "assay" | "bare", sessions: number, periodS: number, holdS: number) {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      join(import.meta.dirname, "loadClients.ts"),
      kind,
      String(port),
      secret,
      String(sessions),
      String(periodS),
      String(holdS),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench: loadClients ${kind} exited ${code}`)));
  });
  await new Promise((resolve) => child.once("exit", resolve));
  return { ...(JSON.parse(line) as Omit<ClientFigures, "loadAvg">), loadAvg: loadAvg() };
}

function printClients(c: ClientFigures, periodS: number) {
  console.log(
    `  ${c.kind.padEnd(5)} ${c.sessions} sessions open (in ${round1(c.openS)} s), held ${round1(c.holdS)} s, a run every ${periodS} s each: ${c.runs} runs, ${c.events} events (${Math.round(c.eventsPerS)}/s), ${c.problems} problems; client RSS per session: ${round1(c.kbPerSessionOpen)} KB open, ${round1(c.kbPerSessionHeld)} KB held (after GC), ${round1(c.kbPerSessionPeak)} KB peak; delivery p95 ${c.delivery?.p95 ?? "–"} ms; load avg ${c.loadAvg.join(" ")}`,
  );
  if (c.example) console.log(`    first problem: ${c.example}`);
}

/** Artillery's binary: ASSAY_ARTILLERY=1 installs it into ~/.cache/assay/artillery; a path uses that one. */
function artilleryBin(): string | undefined {
  const setting = benchEnv.ASSAY_ARTILLERY;
  if (!setting) return undefined;
  if (setting !== "1") return setting;
  const prefix = join(os.homedir(), ".cache", "assay", "artillery");
  const bin = join(prefix, "node_modules", ".bin", "artillery");
  if (!existsSync(bin)) {
    console.log(`load: installing artillery@${ARTILLERY_VERSION} into ${prefix} (outside the repository)…`);
    const install = spawnSync(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        `artillery@${ARTILLERY_VERSION}`,
      ],
      { stdio: "inherit" },
    );
    if (install.status !== 0) return undefined;
  }
  return bin;
}

/** Sum of RSS (KB) of every process in process group `pgid` (Artillery runs workers). */
function groupRssKb(pgid: number): number {
  const out = spawnSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" }).stdout;
  return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
}

/** Artillery's ws engine on the same scenario: each virtual user one session, a start every periodS. */
async function artillery(bin: string, sessions: number, periodS: number, holdS: number) {
  const rampS = Math.max(5, Math.ceil(sessions / 500));
  const loops = Math.ceil(holdS / periodS);
  const dir = join(os.tmpdir(), `assay-artillery-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // One token per virtual user, as Assay's sessions have.
  writeFileSync(
    join(dir, "tokens.csv"),
    Array.from({ length: sessions }, () => token(randomUUID())).join("\n"),
  );
  // Artillery's ws engine templates neither config.ws.headers nor connect headers per virtual
  // user: a connect function sets each one's bearer token from the payload file.
  writeFileSync(
    join(dir, "processor.cjs"),
    'exports.bearer = (args, context, done) => { args.options.headers = { authorization: "Bearer " + context.vars.token }; done(); };\n',
  );
  const config = join(dir, "scenario.json");
  writeFileSync(
    config,
    JSON.stringify({
      config: {
        target: url,
        processor: "./processor.cjs",
        payload: { path: "tokens.csv", fields: ["token"], order: "sequence", skipHeader: false },
        phases: [{ duration: rampS, arrivalCount: sessions }],
      },
      scenarios: [
        {
          engine: "ws",
          flow: [
            { connect: { function: "bearer" } },
            {
              loop: [
                { send: JSON.stringify({ type: "start", run_id: randomUUID(), tools: TOOLS }) },
                { think: periodS },
              ],
              count: loops,
            },
          ],
        },
      ],
    }),
  );
  const sent0 = (await serverStats()).sent;
  const started = wallNow();
  const child = spawn(bin, ["run", "--quiet", "--output", join(dir, "report.json"), config], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
    cwd: dir,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let peakKb = 0;
  const timer = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, groupRssKb(child.pid));
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  const seconds = (wallNow() - started) / 1000;
  const sent = (await serverStats()).sent - sent0;
  let counters: Record<string, number> = {};
  try {
    const out = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
      aggregate?: { counters?: Record<string, number> };
    };
    counters = out.aggregate?.counters ?? {};
  } catch {
    // no report: the exit code and stderr say why
  }
  return {
    counters,
    code,
    stderr: stderr.trim(),
    peakKb,
    kbPerSession: peakKb / sessions,
    eventsPerS: sent / seconds,
    seconds,
  };
}

let failed = false;
try {
  const tp = await throughput();
  report.throughput = tp;
  if (tp.ratio < TARGET.ratio) failed = true;
  const cost = checkCost();
  report.checkCost = cost;
  console.log(
    `  CPU per event of each stage, timed alone without sockets: ${Object.entries(cost)
      .map(([stage, us]) => `${stage} ${us.toFixed(2)} µs`)
      .join(", ")}`,
  );

  if (SESSIONS > 0) failed = (await capacityAndArtillery()) || failed;
} finally {
  server.kill();
  const dir = join(import.meta.dirname, "..", "reports", "bench");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "load.json"), `${JSON.stringify({ ...report, loadAvg: loadAvg() }, null, 2)}\n`);
}
process.exitCode = failed ? 1 : 0;

/** Capacity (bare ws, then Assay, each in a fresh process) and, with ASSAY_ARTILLERY, Artillery; true when a target is missed. */
async function capacityAndArtillery(): Promise<boolean> {
  let failed = false;
  const period = Math.max(1, SESSIONS / 500);
  console.log(
    `load: capacity, ${SESSIONS} authenticated sessions each in a fresh client process (client fd limit, ulimit -n: ${fdLimit()}), a run every ${period} s on every session, ${HOLD_S} s:`,
  );
  const bare = await clients("bare", SESSIONS, period, HOLD_S);
  printClients(bare, period);
  const assay = await clients("assay", SESSIONS, period, HOLD_S);
  printClients(assay, period);
  const overBare = assay.kbPerSessionHeld - bare.kbPerSessionHeld;
  console.log(
    `  Assay ${round1(assay.kbPerSessionHeld)} KB/session held (peak ${round1(assay.kbPerSessionPeak)}), ${round1(overBare)} KB over a bare ws client; target >= ${TARGET.sessions} sessions, <= ${TARGET.kbPerSession} KB: ${assay.sessions >= Math.min(SESSIONS, TARGET.sessions) && assay.kbPerSessionHeld <= TARGET.kbPerSession && assay.problems === 0 ? "PASS" : "FAIL"}`,
  );
  report.capacity = { periodS: period, bare, assay };
  if (
    assay.sessions < Math.min(SESSIONS, TARGET.sessions) ||
    assay.kbPerSessionHeld > TARGET.kbPerSession ||
    assay.problems > 0
  )
    failed = true;

  const bin = artilleryBin();
  if (bin && existsSync(bin)) {
    const sessions = Number(benchEnv.ASSAY_ARTILLERY_SESSIONS ?? SESSIONS);
    const periodA = Math.max(1, sessions / 500);
    const ours = sessions === SESSIONS ? assay : await clients("assay", sessions, periodA, HOLD_S);
    const theirs = await artillery(bin, sessions, periodA, HOLD_S);
    const perGb = (kb: number) => (1024 * 1024) / Math.max(kb, 0.001);
    const oursPerGb = perGb(ours.kbPerSessionPeak + (ours.rss0Mb * 1024) / sessions);
    const theirsPerGb = perGb(theirs.kbPerSession);
    console.log(
      `load: vs Artillery ${ARTILLERY_VERSION} ws engine, ${sessions} sessions, a run every ${periodA} s, ${HOLD_S} s, whole-process peak RSS per session: Assay ${Math.round(oursPerGb)} sessions/GB (peak RSS ${Math.round(ours.peakRssMb)} MB) at ${Math.round(ours.eventsPerS)} ev/s, every event checked; Artillery ${Math.round(theirsPerGb)} sessions/GB (peak RSS ${Math.round(theirs.peakKb / 1024)} MB, all its processes, exit ${theirs.code}) at ${Math.round(theirs.eventsPerS)} ev/s, events unchecked; ${(oursPerGb / theirsPerGb).toFixed(1)}× sessions/GB (target >= ${TARGET.artilleryPerGb}×); load avg ${loadAvg().join(" ")}`,
    );
    console.log(`  artillery counters: ${JSON.stringify(theirs.counters)}`);
    if (theirs.code !== 0) console.log(`  artillery exit ${theirs.code}: ${theirs.stderr.slice(-400)}`);
    report.artillery = {
      version: ARTILLERY_VERSION,
      sessions,
      periodS: periodA,
      assay: ours,
      artillery: theirs,
      oursPerGb,
      theirsPerGb,
    };
  } else {
    console.log(
      `load: Artillery not measured: ASSAY_ARTILLERY=1 installs artillery@${ARTILLERY_VERSION} into ~/.cache/assay/artillery (or set it to an artillery binary)`,
    );
  }
  return failed;
}

/**
 * Recorder throughput: how many events per second `createWsClient` records (parse once, timestamp,
 * index by run, notify a waiter) compared to a bare `ws` client on the same run.
 *
 * The baseline is the bare client a person writes by hand for a test: `ws` plus
 * `events.push(JSON.parse(data))`. The recorder does that, plus receive times, sizes and waiters,
 * so the ratio is what the recorder's bookkeeping costs. A stricter line is printed beside it: a
 * bare client that parses and throws each event away, which pays no garbage-collection cost for
 * keeping events (any client that asserts on a run afterwards must keep them).
 * The server runs in a worker thread and writes a pre-framed run in one go, so the client side is
 * what is measured.
 *
 * The gate is the wall-clock rate (events received per second). Events per client CPU-second
 * (process CPU minus the server worker's thread) are printed beside it: the client's cost, which
 * other processes on a shared machine skew less.
 *
 * Run: node bench/ws.bench.ts [events=50000] [rounds=21]. Exit 1 when the median ratio is under target.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createWsClient, now } from "@assay/ws";
import { WebSocket } from "ws";
import { formatPairedRatio, pairedRatio } from "./pairedRatio.ts";

const TARGET = 0.85;
const events = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 21);

/** A realistic run: agent_started, thinking / tool pairs, agent_completed; seq 1…count. */
function buildBlast(count: number): Buffer {
  const run_id = randomUUID();
  const conversation_id = randomUUID();
  const ts = "2025-06-01T12:00:00.000Z";
  const cycle = ["agent_thinking", "tool_executing", "tool_completed"];
  const parts: Buffer[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const type =
      seq === 1 ? "agent_started" : seq === count ? "agent_completed" : (cycle[(seq - 2) % 3] as string);
    const call = `call_${Math.floor((seq - 2) / 3)}`;
    const extra =
      type === "agent_thinking"
        ? { step: seq }
        : type === "tool_executing"
          ? { tool_call_id: call, tool_name: "echo", input: { text: "hello" } }
          : type === "tool_completed"
            ? { tool_call_id: call, tool_name: "echo", output: { text: "hello" }, duration_ms: 1 }
            : { message_id: run_id, ...(type === "agent_completed" ? { content: "Echo: hello" } : {}) };
    const payload = Buffer.from(JSON.stringify({ type, run_id, conversation_id, seq, ts, ...extra }));
    const len = payload.length;
    // Unmasked server text frames: FIN + opcode 1, 7-bit or 16-bit length.
    parts.push(len < 126 ? Buffer.from([0x81, len]) : Buffer.from([0x81, 126, len >> 8, len & 255]), payload);
  }
  return Buffer.concat(parts);
}

function serve(count: number): void {
  const blast = buildBlast(count);
  const http = createServer();
  http.on("upgrade", (req, socket) => {
    const accept = createHash("sha1")
      .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => {
      const opcode = (chunk[0] ?? 0) & 0x0f;
      if (opcode === 1) socket.write(blast); // any text frame is the trigger
      if (opcode === 8) socket.end(Buffer.from([0x88, 0]));
    });
  });
  http.listen(0, "127.0.0.1", () => parentPort?.postMessage((http.address() as AddressInfo).port));
}

type Round = { wall: number; cpu: number };

/** Client CPU of a round: the whole process (main thread, GC helpers, libuv) minus the server worker. */
async function measure(worker: Worker, run: () => Promise<void>): Promise<Round> {
  const workerCpu = async () => {
    worker.postMessage("cpu");
    const { user, system } = await new Promise<NodeJS.CpuUsage>((resolve) => worker.once("message", resolve));
    return user + system;
  };
  const worker0 = await workerCpu();
  const cpu0 = process.cpuUsage();
  const start = now();
  await run();
  const wall = now() - start;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = (await workerCpu()) - worker0;
  return { wall: events / (wall / 1000), cpu: events / ((cpu.user + cpu.system - serverCpu) / 1e6) };
}

/** Bare ws client: JSON.parse + count; with `keep`, it also keeps each parsed event, as a hand-written test does. */
async function bare(url: string, worker: Worker, keep = false): Promise<Round> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let count = 0;
  let last: unknown;
  const kept: unknown[] = [];
  const round = await measure(
    worker,
    () =>
      new Promise<void>((resolve) => {
        socket.on("message", (data: Buffer) => {
          last = JSON.parse(data.toString());
          if (keep) kept.push(last);
          count += 1;
          if (count === events) resolve();
        });
        socket.send("go");
      }),
  );
  if ((last as { type?: string }).type !== "agent_completed")
    throw new Error("bench: the bare client missed the end");
  socket.close();
  return round;
}

/** createWsClient: records every frame, waits for the terminal event as a test would. */
async function recorder(url: string, worker: Worker): Promise<Round> {
  const client = await createWsClient({ url, token: "bench" });
  const round = await measure(worker, async () => {
    client.sendRaw("go");
    await client.waitFor({ type: "agent_completed" }, { timeout: 120_000 });
  });
  if (client.frames.length !== events)
    throw new Error(`bench: recorded ${client.frames.length} of ${events} frames`);
  await client.close();
  return round;
}

if (!isMainThread) {
  serve(workerData as number);
  parentPort?.on("message", () => parentPort?.postMessage(process.threadCpuUsage()));
} else {
  const worker = new Worker(new URL(import.meta.url), { workerData: events });
  const port = await new Promise<number>((resolve) => worker.once("message", resolve));
  const url = `ws://127.0.0.1:${port}/v1/ws`;
  await bare(url, worker); // warm-up: JIT, socket buffers
  await recorder(url, worker);
  const keepers: Round[] = [];
  const recorders: Round[] = [];
  // Each round: the bare client that keeps its events and the recorder on the same blast, in
  // alternating order (bench/pairedRatio.ts); each side times its own blast, not its connect.
  const msOf = (round: Round) => (events / round.wall) * 1000;
  const result = await pairedRatio({
    baseline: async () => {
      const round = await bare(url, worker, true);
      keepers.push(round);
      return msOf(round);
    },
    candidate: async () => {
      const round = await recorder(url, worker);
      recorders.push(round);
      return msOf(round);
    },
    rounds,
    warmup: 1,
    // The fastest of three tries per side and round: a busy machine only ever adds time.
    repeats: 3,
  });
  const discards: Round[] = [];
  for (let round = 0; round < Math.max(3, Math.floor(rounds / 4)); round += 1)
    discards.push(await bare(url, worker));
  await worker.terminate();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const rate = (list: Round[], key: keyof Round) => median(list.map((r) => r[key]));
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  console.log(formatPairedRatio("ws: recorder / bare ws (JSON.parse + keep)", result, TARGET));
  console.log(
    `  bare ws (keep) ${Math.round(rate(keepers, "wall"))} ev/s, recorder ${Math.round(rate(recorders, "wall"))} ev/s; ` +
      `stricter: a bare ws that parses and discards ${Math.round(rate(discards, "wall"))} ev/s`,
  );
  console.log(
    `  per client CPU-second: keep ${k(rate(keepers, "cpu"))}, discard ${k(rate(discards, "cpu"))}, recorder ${k(rate(recorders, "cpu"))}; ` +
      `${events} events a round, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  const ratio = result.median;
  process.exitCode = ratio >= TARGET ? 0 : 1;
}

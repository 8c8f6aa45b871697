import { createHash } from "node:crypto";
import { type Frame, RUN_EVENT_TYPES } from "@assay/ws";
import WebSocket from "ws";
import { checkEventContract } from "./checkEventContract.ts";
import type { LatencyRecorder } from "./createLatencyRecorder.ts";
import type { ProblemLog } from "./createProblemLog.ts";
import { parseEventTime } from "./parseEventTime.ts";

/** Wall-clock now in ms with sub-ms precision (the server's `ts` is wall clock). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** How a run ended on one socket: its frames in receive order (`at` is {@link wallNow}). */
export type RunOutcome = {
  runId: string;
  frames: Frame[];
  /** `terminal`: its agent_completed/agent_error arrived; `timeout`; `closed`: the socket went first. */
  end: "terminal" | "timeout" | "closed";
};

/** @example const options: LoadSocketOptions = { url, token, user: "user 3", owners, latency, problems }; */
export type LoadSocketOptions = {
  url: string;
  token: string;
  /** The user's label in problems (`user 3`): never the token. */
  user: string;
  /** Every run id a user of this process started → that user's label; filled by {@link LoadSocket.waitRun}. */
  owners: Map<string, string>;
  latency: LatencyRecorder;
  problems: ProblemLog;
  /** Share of runs whose events are contract-checked (1 = every run; below 1 only if the scenario allows). */
  sampleRate?: number;
  connectTimeoutMs?: number;
};

/**
 * One load user's socket. Unlike `createWsClient` (which keeps every frame for assertions at the
 * end of a test) it keeps a run's frames only until the run is checked, so a socket can live for
 * hours at a steady footprint. It checks as frames arrive: every frame's contract, event
 * delivery latency (receive − server `ts`), and ownership: a frame of a run another user
 * started is a leak at once; one of a run nobody here started is a leak when {@link sweep} finds
 * it unclaimed.
 *
 * @example
 * const socket = await openLoadSocket({ url, token, user: "user 1", owners, latency, problems });
 * const accepted = await postMessage(...);
 * const outcome = await socket.waitRun(accepted.run.id, 30_000);
 */
export type LoadSocket = {
  readonly sessionId: string;
  readonly projectId: string;
  readonly isOpen: boolean;
  /**
   * Claims `runId` for this user and resolves at its terminal event (or timeout/close);
   * `settleMs` later with stragglers included (after a replay, live events may trail it).
   */
  waitRun(runId: string, timeoutMs: number, settleMs?: number): Promise<RunOutcome>;
  /** Sends `frame` (with an `id`) and resolves with the answer carrying that id, or the next `error` frame. */
  ask(
    frame: { type: string; id: string } & Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>>;
  /** Sends one JSON message as is (no answer awaited). */
  send(message: object): void;
  /** Reports frames of runs nobody claimed within `graceMs` as leaks, and forgets them. */
  sweep(graceMs: number): void;
  close(): Promise<void>;
  readonly closed: Promise<{ code: number }>;
};

// The records a run passes through (each frame, the run's state, its outcome) are class
// instances, its frame list comes from `slice()`, and what ends a run is a module function
// taking the run, not a closure over it. V8 moves an object literal's or closure's allocation to
// the old generation ("pretenuring") once a garbage collection finds most of them alive, which
// happens while the sockets warm up with every run in flight. From then on each run's records
// were born old and pointed at young parsed events, so every scavenge promoted the events of
// runs long finished. Measured with `node --trace-gc-nvp` over 3 s of the throughput bench's
// traffic: 70–110 MB promoted before, 3–4 MB after; the bench's page faults per round on the
// checking side fell from ~1,000 to ~120.
const NO_FRAMES: readonly Frame[] = [];

class ReceivedFrame implements Frame {
  seq: number;
  at: number;
  data: unknown;
  size: number;
  constructor(seq: number, at: number, data: unknown, size: number) {
    this.seq = seq;
    this.at = at;
    this.data = data;
    this.size = size;
  }
}

class RunState {
  frames: Frame[] = NO_FRAMES.slice();
  firstAt: number;
  claimed: boolean;
  ended = false;
  /** While a `waitRun` waits: hands it the outcome. */
  deliver: ((outcome: RunOutcome) => void) | undefined = undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  settleMs = 0;
  runId: string;
  /** The socket's own bookkeeping when the run ends; returns the outcome. */
  finish: (runId: string, run: RunState, end: RunOutcome["end"]) => RunOutcome;
  constructor(
    runId: string,
    firstAt: number,
    claimed: boolean,
    finish: (runId: string, run: RunState, end: RunOutcome["end"]) => RunOutcome,
  ) {
    this.runId = runId;
    this.firstAt = firstAt;
    this.claimed = claimed;
    this.finish = finish;
  }
}

// Module functions with the run as an argument (see above).
function endRun(run: RunState, end: RunOutcome["end"]): void {
  const deliver = run.deliver;
  if (deliver === undefined) return;
  run.deliver = undefined;
  clearTimeout(run.timer);
  if (end === "terminal" && run.settleMs > 0) setTimeout(deliverRun, run.settleMs, run, end, deliver);
  else deliverRun(run, end, deliver);
}

function deliverRun(run: RunState, end: RunOutcome["end"], deliver: (outcome: RunOutcome) => void): void {
  deliver(run.finish(run.runId, run, end));
}

const endByTimeout = (run: RunState) => endRun(run, "timeout");
const endAtTerminal = (run: RunState) => endRun(run, "terminal");

class EndedRun implements RunOutcome {
  runId: string;
  frames: Frame[];
  end: RunOutcome["end"];
  constructor(runId: string, frames: Frame[], end: RunOutcome["end"]) {
    this.runId = runId;
    this.frames = frames;
    this.end = end;
  }
}

const ANSWERS = new Set(["project_switched", "replay_done", "pong"]);
const TERMINAL = new Set(["agent_completed", "agent_error"]);
const FINISHED_KEPT = 128;

/** Whether a run is in the checked sample: a hash of its id, so every process agrees. */
export function isSampled(runId: string, rate: number): boolean {
  if (rate >= 1) return true;
  return createHash("sha1").update(runId).digest().readUInt32BE(0) / 0x1_0000_0000 < rate;
}

/**
 * Connects one user, waits for `session_ready`, and starts checking; rejects with an
 * `[assay/load]` error naming the status of a refused upgrade (never the token).
 *
 * @example
 * const socket = await openLoadSocket({ url: target.wsURL, token, user: "user 1", owners, latency, problems });
 */
export function openLoadSocket(options: LoadSocketOptions): Promise<LoadSocket> {
  const { user, owners, latency, problems } = options;
  const rate = options.sampleRate ?? 1;
  const timeout = options.connectTimeoutMs ?? 10_000;
  const socket = new WebSocket(options.url, {
    headers: { Authorization: `Bearer ${options.token}` },
    handshakeTimeout: timeout,
    perMessageDeflate: false,
  });
  const runs = new Map<string, RunState>();
  // The last FINISHED_KEPT runs checked on this socket, as a ring (a late frame of one is a
  // grammar problem, not a stranger's run).
  const finished = new Array<string>(FINISHED_KEPT).fill("");
  let finishedNext = 0;
  const leaked = new Set<string>();
  let asking: { id: string; resolve: (data: Record<string, unknown>) => void } | undefined;
  let ready: ((data: Record<string, unknown>) => void) | undefined;
  let receiveIndex = 0;
  let stamp = -1;
  const resetStamp = () => {
    stamp = -1;
  };

  const leak = (runId: string, message: string) => {
    if (leaked.has(runId)) return;
    leaked.add(runId);
    problems.add("leak", user, message);
  };

  const onRunFrame = (frame: Frame, event: Record<string, unknown>, runId: string) => {
    const owner = owners.get(runId);
    if (owner !== undefined && owner !== user) {
      leak(
        runId,
        `${user}'s socket received ${owner}'s run ${runId}: ${String(event.type)} (seq ${String(event.seq)})`,
      );
      return;
    }
    let run = runs.get(runId);
    if (!run) {
      if (finished.includes(runId)) {
        problems.add(
          "grammar",
          user,
          `run ${runId}: ${String(event.type)} (seq ${String(event.seq)}) arrived after its terminal event, once the run was checked`,
        );
        return;
      }
      run = new RunState(runId, frame.at, false, finish);
      runs.set(runId, run);
    }
    run.frames.push(frame);
    if (TERMINAL.has(String(event.type)) && !run.ended) {
      run.ended = true;
      // A microtask later, so a duplicate that came in the same read is part of the check.
      void Promise.resolve(run).then(endAtTerminal);
    }
  };

  socket.on("message", (raw: Buffer) => {
    if (stamp < 0) {
      stamp = wallNow();
      queueMicrotask(resetStamp);
    }
    let data: unknown;
    try {
      data = JSON.parse(raw.toString());
    } catch {
      problems.add("contract", user, `a frame is not JSON: ${raw.toString().slice(0, 80)}`);
      return;
    }
    const frame = new ReceivedFrame(receiveIndex++, stamp, data, raw.length);
    const event = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
    const type = String(event.type);
    const runId = typeof event.run_id === "string" ? event.run_id : undefined;
    const isRunEvent = runId !== undefined && RUN_EVENT_TYPES.has(type);
    if (!isRunEvent || isSampled(runId, rate)) {
      for (const error of checkEventContract(data)) problems.add("contract", user, `${type}: ${error}`);
    }
    if (isRunEvent) {
      const sent = parseEventTime(event.ts);
      if (Number.isFinite(sent)) latency.record("event_delivery", stamp - sent);
      onRunFrame(frame, event, runId);
    } else if (type === "session_ready") ready?.(event);
    else if (asking && (type === "error" || (ANSWERS.has(type) && event.id === asking.id)))
      asking.resolve(event);
    else problems.add("socket", user, `unexpected ${type} frame: ${JSON.stringify(data).slice(0, 120)}`);
  });

  const closed = new Promise<{ code: number }>((resolve) => {
    socket.on("close", (code: number) => {
      for (const run of runs.values()) endRun(run, "closed");
      resolve({ code });
    });
  });

  const finish = (runId: string, run: RunState, end: RunOutcome["end"]): RunOutcome => {
    runs.delete(runId);
    // A late frame of this run on another socket is still a leak: that socket never claimed it.
    owners.delete(runId);
    finished[finishedNext] = runId;
    finishedNext = (finishedNext + 1) % FINISHED_KEPT;
    return new EndedRun(runId, run.frames, end);
  };

  let sessionId = "";
  let projectId = "";
  const loadSocket: LoadSocket = {
    get sessionId() {
      return sessionId;
    },
    get projectId() {
      return projectId;
    },
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    waitRun(runId, timeoutMs, settleMs = 0) {
      owners.set(runId, user);
      let run = runs.get(runId);
      if (!run) {
        run = new RunState(runId, wallNow(), true, finish);
        runs.set(runId, run);
      }
      run.claimed = true;
      const state = run;
      if (state.ended) return Promise.resolve(finish(runId, state, "terminal"));
      if (socket.readyState !== WebSocket.OPEN) return Promise.resolve(finish(runId, state, "closed"));
      const { promise, resolve } = Promise.withResolvers<RunOutcome>();
      state.deliver = resolve;
      state.timer = setTimeout(endByTimeout, timeoutMs, state);
      state.settleMs = settleMs;
      return promise;
    },
    ask(frame, timeoutMs) {
      if (asking) return Promise.reject(new Error("[assay/load] one question at a time per socket"));
      if (socket.readyState !== WebSocket.OPEN)
        return Promise.reject(new Error(`[assay/load] ${user}'s socket is closed`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          asking = undefined;
          reject(new Error(`[assay/load] no answer to ${frame.type} within ${timeoutMs} ms`));
        }, timeoutMs);
        const onClose = () => {
          clearTimeout(timer);
          asking = undefined;
          reject(new Error(`[assay/load] ${user}'s socket closed before the answer to ${frame.type}`));
        };
        socket.once("close", onClose);
        asking = {
          id: frame.id,
          resolve: (data) => {
            clearTimeout(timer);
            socket.off("close", onClose);
            asking = undefined;
            resolve(data);
          },
        };
        socket.send(JSON.stringify(frame));
      });
    },
    send(message) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error(`[assay/load] ${user}'s socket is closed`);
      socket.send(JSON.stringify(message));
    },
    sweep(graceMs) {
      const now = wallNow();
      for (const [runId, run] of runs) {
        if (run.claimed || now - run.firstAt < graceMs) continue;
        const first = run.frames[0]?.data as { type?: unknown; seq?: unknown } | undefined;
        leak(
          runId,
          `${user}'s socket received ${run.frames.length} frame(s) of run ${runId}, which ${user} never started (first: ${String(first?.type)} seq ${String(first?.seq)})`,
        );
        runs.delete(runId);
      }
    },
    async close() {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(1000);
        setTimeout(() => socket.terminate(), 1000).unref();
      }
      await closed;
    },
    closed,
  };

  return new Promise<LoadSocket>((resolve, reject) => {
    const started = wallNow();
    const fail = (detail: string) => {
      reject(new Error(`[assay/load] ${user} could not connect to ${options.url}: ${detail}`));
      socket.terminate();
    };
    const timer = setTimeout(() => fail(`no session_ready within ${timeout} ms`), timeout);
    ready = (event) => {
      clearTimeout(timer);
      ready = undefined;
      sessionId = String(event.session_id);
      projectId = String(event.project_id);
      latency.record("connect", wallNow() - started);
      resolve(loadSocket);
    };
    socket.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      fail(`the upgrade was refused with HTTP ${res.statusCode}`);
    });
    socket.on("error", (error: Error) => {
      if (socket.readyState !== WebSocket.OPEN) {
        clearTimeout(timer);
        fail(error.message);
      }
    });
  });
}

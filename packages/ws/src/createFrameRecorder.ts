import type { Frame } from "./Frame.ts";
import { formatEventLog } from "./formatEventLog.ts";
import { describeMatch, type FrameMatch, toFramePredicate } from "./matchFrame.ts";

/**
 * Why {@link FrameRecorder.waitFor} gave up: `timeout`, or `closed` when the socket closed first.
 *
 * @example
 * try { await client.waitFor({ type: "pong" }); } catch (e) { if (e instanceof WaitForError) e.reason; }
 */
export class WaitForError extends Error {
  readonly reason: "timeout" | "closed";
  constructor(reason: "timeout" | "closed", message: string) {
    super(message);
    this.name = "WaitForError";
    this.reason = reason;
  }
}

type Waiter = {
  test: (data: unknown) => boolean;
  resolve: (frame: Frame) => void;
  reject: (error: unknown) => void;
  closed: (code: number) => void;
};

/**
 * The frame log of one socket: every frame in receive order, and the waiters on it.
 *
 * @example
 * const recorder = createFrameRecorder();
 * recorder.push('{"type":"pong"}', 15, 3.2);
 * await recorder.waitFor({ type: "pong" }, { timeout: 10 });
 */
export type FrameRecorder = {
  readonly frames: readonly Frame[];
  push(text: string, size: number, at: number): void;
  waitFor(match: FrameMatch, options?: { timeout?: number }): Promise<Frame>;
  runEvents(runId: string): Frame[];
  end(code: number): void;
};

function parse(text: string): unknown {
  // Only a leading brace or bracket can be a JSON value worth keeping parsed; this also spares a
  // thrown exception (costly) on plain-text frames.
  const first = text.charCodeAt(0);
  if (first !== 123 && first !== 91) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Creates an empty {@link FrameRecorder}. Each frame is parsed once and pushed; waiters test only
 * the new frame, so recording stays O(1) per message however long the log grows.
 *
 * @example
 * const recorder = createFrameRecorder();
 */
export function createFrameRecorder(): FrameRecorder {
  // Columns, not one object per frame: receiving keeps only the parsed value, a double and a small
  // int, which is what lets a recorder keep up with a bare client (bench/ws.bench.ts). Frame
  // objects are built when a test reads them, once each.
  const datas: unknown[] = [];
  const ats: number[] = [];
  const sizes: number[] = [];
  const frames: Frame[] = [];
  // Frames handed to a waiter before the log was read: the same objects join `frames` later.
  const handedOut = new Map<number, Frame>();
  const build = (i: number): Frame => ({
    seq: i,
    at: ats[i] as number,
    data: datas[i],
    size: sizes[i] as number,
  });
  const materialize = (): Frame[] => {
    for (let i = frames.length; i < datas.length; i += 1) frames.push(handedOut.get(i) ?? build(i));
    handedOut.clear();
    return frames;
  };
  // The one frame a waiter resolves with, without building every frame before it on the socket's
  // message handler (the last event of a long run would otherwise build the whole log there).
  const frameAt = (i: number): Frame => {
    if (i < frames.length) return frames[i] as Frame;
    let frame = handedOut.get(i);
    if (frame === undefined) {
      frame = build(i);
      handedOut.set(i, frame);
    }
    return frame;
  };
  // An array, not a Set: iterating it per message allocates nothing.
  const waiters: Waiter[] = [];
  const remove = (waiter: Waiter) => {
    const i = waiters.indexOf(waiter);
    if (i >= 0) waiters.splice(i, 1);
  };
  let closedWith: number | undefined;

  return {
    get frames() {
      return materialize();
    },
    push(text, size, at) {
      const data = parse(text);
      datas.push(data);
      ats.push(at);
      sizes.push(size);
      // Backwards, because a resolved waiter removes itself.
      for (let i = waiters.length - 1; i >= 0; i -= 1) {
        const waiter = waiters[i] as Waiter;
        try {
          if (waiter.test(data)) waiter.resolve(frameAt(datas.length - 1));
        } catch (error) {
          // A predicate that throws fails its own wait, not the socket's message handler.
          waiter.reject(error);
        }
      }
    },
    waitFor(match, options = {}) {
      const timeout = options.timeout ?? 5000;
      const test = toFramePredicate(match);
      let found: Frame | undefined;
      try {
        found = materialize().find((frame) => test(frame.data));
      } catch (error) {
        return Promise.reject(error);
      }
      if (found) return Promise.resolve(found);
      const what = `a frame matching ${describeMatch(match)}`;
      const failure = (reason: "timeout" | "closed", head: string) =>
        new WaitForError(reason, [head, ...formatEventLog(materialize())].join("\n"));
      const closedFailure = (code: number) =>
        failure("closed", `[assay/ws] The socket closed (code ${code}) before ${what} arrived. Received:`);
      if (closedWith !== undefined) return Promise.reject(closedFailure(closedWith));
      return new Promise<Frame>((resolve, reject) => {
        const waiter: Waiter = {
          test,
          resolve(frame) {
            clearTimeout(timer);
            remove(waiter);
            resolve(frame);
          },
          reject(error) {
            clearTimeout(timer);
            remove(waiter);
            reject(error);
          },
          closed(code) {
            clearTimeout(timer);
            remove(waiter);
            reject(closedFailure(code));
          },
        };
        const timer = setTimeout(() => {
          remove(waiter);
          reject(
            failure(
              "timeout",
              `[assay/ws] No ${what.slice(2)} within ${timeout}ms (${datas.length} frames received):`,
            ),
          );
        }, timeout);
        waiters.push(waiter);
      });
    },
    runEvents(runId) {
      // A scan at assertion time (about 1 ms per 100k frames) instead of an index kept up on
      // every message: receiving is the hot path.
      return materialize().filter((frame) => (frame.data as { run_id?: unknown } | null)?.run_id === runId);
    },
    end(code) {
      closedWith = code;
      for (const waiter of [...waiters]) waiter.closed(code);
    },
  };
}

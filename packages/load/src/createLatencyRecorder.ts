import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from "hdr-histogram-js";

/** Histograms record microseconds: 1 µs to 1 h at 3 significant digits (0.1% error). */
const HIGHEST_US = 3_600_000_000;

/** One step's figures, in milliseconds. */
export type StepStats = { count: number; p50: number; p95: number; p99: number; max: number };

/**
 * Serialised histograms by step: HdrHistogram's compressed base64 form, what a worker or a CI
 * machine hands over to be added to the others.
 *
 * @example
 * const wire: SerializedHistograms = { run: "HISTFAAAAC..." };
 */
export type SerializedHistograms = Record<string, string>;

/**
 * HDR latency histograms, one per step (`first_event`, `tool_call`, `run`, `event_delivery`,
 * `http GET /health`, …).
 *
 * @example
 * const latency = createLatencyRecorder();
 * latency.record("run", 41.7);
 */
export type LatencyRecorder = {
  /** Records one sample in ms (negative values, from clock skew, count as 0). */
  record(step: string, ms: number): void;
  /** Adds every count of the other histograms to these: how parts are merged. Never averaged. */
  add(other: SerializedHistograms): void;
  steps(): string[];
  stats(step: string): StepStats | undefined;
  /** Every step's figures, steps sorted by name. */
  summary(): Record<string, StepStats>;
  serialize(): SerializedHistograms;
};

const newHistogram = (): Histogram =>
  build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });

const ms = (us: number): number => Math.round(us) / 1000;

/**
 * Creates an empty {@link LatencyRecorder}, or one holding `from` (serialised histograms).
 *
 * @example
 * const merged = createLatencyRecorder();
 * for (const part of parts) merged.add(part.histograms);
 * merged.stats("run")?.p95;
 */
export function createLatencyRecorder(from?: SerializedHistograms): LatencyRecorder {
  const histograms = new Map<string, Histogram>();
  const get = (step: string): Histogram => {
    let histogram = histograms.get(step);
    if (!histogram) {
      histogram = newHistogram();
      histograms.set(step, histogram);
    }
    return histogram;
  };
  const recorder: LatencyRecorder = {
    record(step, value) {
      if (!Number.isFinite(value)) return;
      const us = Math.min(HIGHEST_US, Math.max(0, Math.round(value * 1000)));
      get(step).recordValue(us);
    },
    add(other) {
      for (const [step, base64] of Object.entries(other)) {
        let decoded: Histogram;
        try {
          decoded = decodeFromCompressedBase64(base64);
        } catch {
          throw new Error(
            `[assay/load] The histogram of step "${step}" is not HdrHistogram's compressed base64: was the result file edited?`,
          );
        }
        get(step).add(decoded);
        decoded.destroy();
      }
    },
    steps: () => [...histograms.keys()].sort(),
    stats(step) {
      const h = histograms.get(step);
      if (!h || h.totalCount === 0) return undefined;
      return {
        count: h.totalCount,
        p50: ms(h.getValueAtPercentile(50)),
        p95: ms(h.getValueAtPercentile(95)),
        p99: ms(h.getValueAtPercentile(99)),
        max: ms(h.maxValue),
      };
    },
    summary() {
      const out: Record<string, StepStats> = {};
      for (const step of recorder.steps()) {
        const stats = recorder.stats(step);
        if (stats) out[step] = stats;
      }
      return out;
    },
    serialize() {
      const out: SerializedHistograms = {};
      for (const step of recorder.steps()) {
        const h = histograms.get(step) as Histogram;
        if (h.totalCount > 0) out[step] = encodeIntoCompressedBase64(h);
      }
      return out;
    },
  };
  if (from) recorder.add(from);
  return recorder;
}

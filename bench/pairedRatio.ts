/**
 * Paired, interleaved measurement of two ways of doing the same work on a shared machine.
 *
 * One round runs `baseline` and `candidate` back to back on the same input, in alternating order,
 * and yields one ratio (baseline time / candidate time: 1.0 = the candidate costs nothing extra).
 * A load spike from another process hits both halves of a pair alike, or spoils one pair of
 * many; the verdict is the median of all per-round ratios, printed with its spread, so the same
 * code gives the same verdict run after run. With `repeats`, each side runs that many times per
 * round (interleaved) and keeps its fastest time: other processes can only add time to a
 * measurement, never take it away, so on a busy machine the fastest of a few back-to-back tries
 * is the closest to what the work itself costs.
 */
import { performance } from "node:perf_hooks";

/** One side's work for a round; a side that times itself (to leave out setup) returns its ms. */
export type PairedWork = (round: number) => void | number | Promise<void | number>;

export type PairedRatioOptions = {
  baseline: PairedWork;
  candidate: PairedWork;
  /** Rounds measured (one ratio each); more rounds narrow the spread. */
  rounds: number;
  /** Rounds run first and thrown away: JIT, inline caches, socket buffers. */
  warmup?: number;
  /** Tries of each side per round, interleaved; the fastest counts (default 1). */
  repeats?: number;
};

/** The per-round ratios and what is printed of them. */
export type PairedRatio = {
  median: number;
  /** 10th and 90th percentile of the per-round ratios: the spread printed beside the median. */
  p10: number;
  p90: number;
  rounds: number;
  /** Median time of one round of each side, ms. */
  baselineMs: number;
  candidateMs: number;
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;

async function timed(work: PairedWork, round: number): Promise<number> {
  const start = performance.now();
  const own = await work(round);
  return typeof own === "number" ? own : performance.now() - start;
}

/**
 * Runs both sides `rounds` times, alternating which goes first, and summarises the ratios.
 *
 * @example
 * const r = await pairedRatio({ baseline: () => direct(), candidate: () => matcher(), rounds: 400 });
 * console.log(formatPairedRatio("contracts", r, 0.93));
 */
export async function pairedRatio(options: PairedRatioOptions): Promise<PairedRatio> {
  const { baseline, candidate, rounds, warmup = Math.ceil(rounds / 10), repeats = 1 } = options;
  const ratios: number[] = [];
  const baseTimes: number[] = [];
  const candTimes: number[] = [];
  for (let round = -warmup; round < rounds; round += 1) {
    let base = Number.POSITIVE_INFINITY;
    let cand = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < repeats; attempt += 1) {
      if (((round + attempt) & 1) === 0) {
        base = Math.min(base, await timed(baseline, round));
        cand = Math.min(cand, await timed(candidate, round));
      } else {
        cand = Math.min(cand, await timed(candidate, round));
        base = Math.min(base, await timed(baseline, round));
      }
    }
    if (round < 0) continue;
    ratios.push(base / cand);
    baseTimes.push(base);
    candTimes.push(cand);
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const r = sorted(ratios);
  return {
    median: quantile(r, 0.5),
    p10: quantile(r, 0.1),
    p90: quantile(r, 0.9),
    rounds,
    baselineMs: quantile(sorted(baseTimes), 0.5),
    candidateMs: quantile(sorted(candTimes), 0.5),
  };
}

/**
 * One line: the median ratio, its spread, and the verdict against `target`.
 *
 * @example
 * formatPairedRatio("ws", result, 0.85); // "ws: ratio 0.93 (p10 0.88, p90 0.97, 200 rounds), target >= 0.85: PASS"
 */
export function formatPairedRatio(name: string, result: PairedRatio, target: number): string {
  const verdict = result.median >= target ? "PASS" : "FAIL";
  return `${name}: ratio ${result.median.toFixed(3)} (p10 ${result.p10.toFixed(3)}, p90 ${result.p90.toFixed(3)}, ${result.rounds} paired rounds), target >= ${target}: ${verdict}`;
}

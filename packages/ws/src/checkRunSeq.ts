import { isDeepStrictEqual } from "node:util";
import { eventOf, type Frame } from "./Frame.ts";

function listSeqs(seqs: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < seqs.length; ) {
    let j = i;
    while (j + 1 < seqs.length && (seqs[j + 1] as number) === (seqs[j] as number) + 1) j += 1;
    ranges.push(i === j ? `${seqs[i]}` : `${seqs[i]}–${seqs[j]}`);
    i = j + 1;
  }
  return ranges.join(", ");
}

/**
 * Checks that the frames of one run number their events 1, 2, 3… under `key` (`seq`): names each
 * gap, duplicate, reordering and missing number in `problems`, and returns the duplicates, which
 * the grammar check then skips.
 *
 * @example
 * const duplicates = checkRunSeq(frames, "seq", problems);
 */
export function checkRunSeq(frames: readonly Frame[], key: string, problems: string[]): Set<Frame> {
  const duplicates = new Set<Frame>();
  const seen = new Map<number, Frame>();
  // Gaps are judged at the end: a seq that arrives late is out of order, not missing.
  const jumps: { seq: number; previous: number; skipped: number[] }[] = [];
  const late: string[] = [];
  let previous = 0;
  for (const frame of frames) {
    const event = eventOf(frame) ?? {};
    const seq = event[key];
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) {
      problems.push(`${String(event.type)} (frame #${frame.seq}) has no ${key} ≥ 1`);
      continue;
    }
    const first = seen.get(seq);
    if (first) {
      const same = isDeepStrictEqual(first.data, frame.data);
      problems.push(
        `duplicate ${key} ${seq}: ${same ? `${String(event.type)} received twice` : `${String(eventOf(first)?.type)} and ${String(event.type)}`}`,
      );
      duplicates.add(frame);
      continue;
    }
    seen.set(seq, frame);
    if (seq > previous + 1) {
      jumps.push({
        seq,
        previous,
        skipped: Array.from({ length: seq - previous - 1 }, (_, i) => previous + 1 + i),
      });
    } else if (seq < previous) late.push(`${key} ${seq} after ${key} ${previous}: out of order`);
    previous = Math.max(previous, seq);
  }
  for (const jump of jumps) {
    const missing = jump.skipped.filter((seq) => !seen.has(seq));
    if (missing.length === 0) continue;
    const where =
      jump.previous === 0
        ? `first ${key} is ${jump.seq}`
        : `${key} ${jump.seq} after ${key} ${jump.previous}`;
    problems.push(`${where}: missing ${key} ${listSeqs(missing)}`);
  }
  problems.push(...late);
  return duplicates;
}

/** What went wrong, by kind. `leak` is an ownership failure; `silence` a run that never ended. */
export type ProblemKind =
  | "grammar"
  | "contract"
  | "leak"
  | "http"
  | "timeout"
  | "silence"
  | "socket"
  | "flow";

/** One problem as the report shows it. */
export type Problem = { kind: ProblemKind; user: string; message: string };

/**
 * Every problem a load run found: all are counted, the first `keep` of each kind are kept with
 * their message (a broken service repeats itself; the report needs the count and examples).
 *
 * @example
 * const problems = createProblemLog();
 * problems.add("grammar", "user 3", "run 9a…: seq 4 after seq 2: missing seq 3");
 */
export type ProblemLog = {
  add(kind: ProblemKind, user: string, message: string): void;
  readonly total: number;
  counts(): Partial<Record<ProblemKind, number>>;
  examples(): Problem[];
};

/**
 * Creates an empty {@link ProblemLog}.
 *
 * @example
 * const problems = createProblemLog(20);
 */
export function createProblemLog(keep = 20): ProblemLog {
  const counts: Partial<Record<ProblemKind, number>> = {};
  const examples: Problem[] = [];
  let total = 0;
  return {
    add(kind, user, message) {
      total += 1;
      const count = (counts[kind] ?? 0) + 1;
      counts[kind] = count;
      if (count <= keep) examples.push({ kind, user, message: message.slice(0, 500) });
    },
    get total() {
      return total;
    },
    counts: () => ({ ...counts }),
    examples: () => [...examples],
  };
}

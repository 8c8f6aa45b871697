/** What the gate takes from the environment. */
export type GateEnv = {
  /** GitHub Actions sets this to a file that each step may append markdown to. */
  githubStepSummary: string | undefined;
};

/**
 * Reads the environment. The only module that touches `process.env`, so tests can pass
 * their own values to `runGate` instead.
 *
 * @example
 * const { githubStepSummary } = readEnv();
 */
export function readEnv(source: Record<string, string | undefined> = process.env): GateEnv {
  const summary = source.GITHUB_STEP_SUMMARY;
  return { githubStepSummary: summary ? summary : undefined };
}

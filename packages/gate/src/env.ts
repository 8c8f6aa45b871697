/** What the gate takes from the environment. */
export type GateEnv = {
  /** GitHub Actions sets this to a file that each step may append markdown to. */
  githubStepSummary: string | undefined;
};

/**
 * Reads the environment. The only module of the gate that touches `process.env`, so tests can
 * pass their own values to `runGate` instead.
 *
 * @example
 * const { githubStepSummary } = readEnv();
 */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): GateEnv {
  const summary = source.GITHUB_STEP_SUMMARY;
  return { githubStepSummary: summary ? summary : undefined };
}

/**
 * A copy of this process's environment for a child process (tests run the real CLI and Playwright),
 * without the variables that would make the child write outside its temp folder.
 *
 * @example
 * spawnSync(process.execPath, [cli], { env: { ...childEnv(), CI: "1" } });
 */
export function childEnv(): Record<string, string | undefined> {
  const { GITHUB_STEP_SUMMARY: _summary, ...env } = process.env;
  return env;
}

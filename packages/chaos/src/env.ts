/**
 * The environment @assay/chaos hands on to the processes it starts (the one place in this
 * package that touches `process.env`): only `PATH`, so a child finds its tools and nothing else
 * of the run (its tokens, its database) leaks into it.
 *
 * @example
 * spawn(process.execPath, [script], { env: { PATH: inheritedPath(), ...env } });
 */
export function inheritedPath(): string {
  return process.env.PATH ?? "";
}

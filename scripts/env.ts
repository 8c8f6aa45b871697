/**
 * The environment the repo's own scripts hand on to the tools they start (the one place in
 * scripts/ that touches `process.env`).
 *
 * @example
 * spawn("turbo", args, { env: { ...inheritedEnv(), npm_config_reporter: "silent" } });
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return process.env;
}

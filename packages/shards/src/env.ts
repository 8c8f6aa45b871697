/**
 * The environment, read here only. The CLI reads it once and hands it down as `options.env`;
 * nothing below the CLI looks at `process.env`, so injected options are all that counts.
 *
 * @example
 * await runShard(shard, args, { cwd: process.cwd(), env: readEnv() });
 */
export function readEnv(): Record<string, string | undefined> {
  return { ...process.env };
}

import { exec } from "node:child_process";
import { stat } from "node:fs/promises";
import { promisify } from "node:util";
import { type LogLine, parseLogText, readLogLines } from "@assay/chaos";

/** Where the service's log lines can be read: a file, or a command that prints them. */
export type ServiceLogSource = { kind: "file"; path: string } | { kind: "command"; command: string };
/** A point in the log: what was there before a test started. */
export type LogMark = { offset: number; time: number };

const run = promisify(exec);

/**
 * The log source the run names: `ASSAY_SERVICE_LOG` (a file; a local run sets it for the service
 * it boots) or `ASSAY_SERVICE_LOG_COMMAND` (e.g. `kubectl logs deploy/agent-api --since=30m`);
 * null when neither is set.
 * @example serviceLogSource(process.env) // { kind: "file", path: "/repo/reports/service.log" }
 */
export function serviceLogSource(env: Readonly<Record<string, string | undefined>>): ServiceLogSource | null {
  if (env.ASSAY_SERVICE_LOG) return { kind: "file", path: env.ASSAY_SERVICE_LOG };
  if (env.ASSAY_SERVICE_LOG_COMMAND) return { kind: "command", command: env.ASSAY_SERVICE_LOG_COMMAND };
  return null;
}

/**
 * Marks the end of the log now, so {@link readServiceLog} returns only what comes after.
 * @example const mark = await markServiceLog(source);
 */
export async function markServiceLog(source: ServiceLogSource): Promise<LogMark> {
  const time = Date.now();
  if (source.kind === "command") return { offset: 0, time };
  const size = await stat(source.path).then(
    (s) => s.size,
    () => 0,
  );
  return { offset: size, time };
}

/**
 * The log lines written since `mark` (a command's output is cut by each line's `time`), and one
 * problem per line that is not a JSON object.
 * @example const { lines, problems } = await readServiceLog(source, mark);
 */
export async function readServiceLog(
  source: ServiceLogSource,
  mark: LogMark,
): Promise<{ lines: LogLine[]; problems: string[] }> {
  if (source.kind === "file") {
    const { lines, problems } = await readLogLines(source.path, mark.offset);
    return { lines, problems };
  }
  const { stdout } = await run(source.command, { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  const { lines, problems } = parseLogText(stdout);
  // Clocks differ a little between machines: a second of slack before the mark.
  return { lines: lines.filter((line) => Date.parse(String(line.time)) >= mark.time - 1000), problems };
}

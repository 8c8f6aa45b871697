import { LOG_LEVELS, type LogLevel } from "./env.ts";

export type LogFields = Record<string, unknown>;
/** A structured logger writing one JSON object per line on stdout. */
export type Logger = Record<LogLevel, (msg: string, fields?: LogFields) => void>;

/**
 * Creates a JSON-lines logger that drops entries below `level`. Never pass tokens in `fields`.
 * @example createLogger("info").info("listening", { port: 4310 });
 */
export function createLogger(level: LogLevel, write: (line: string) => void = defaultWrite): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const entry =
    (entryLevel: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (LOG_LEVELS.indexOf(entryLevel) < threshold) return;
      write(JSON.stringify({ ts: new Date().toISOString(), level: entryLevel, msg, ...fields }));
    };
  return { debug: entry("debug"), info: entry("info"), warn: entry("warn"), error: entry("error") };
}

function defaultWrite(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Reduces an unknown thrown value to loggable fields: name and message, plus the stack at debug.
 * @example log.error("run_failed", describeError(err));
 */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, error_message: error.message };
  return { error: typeof error };
}

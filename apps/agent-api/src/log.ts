import { randomUUID } from "node:crypto";
import pino from "pino";
import type { LogLevel } from "./env.ts";
import { errorType } from "./errorType.ts";
import { logContext } from "./logContext.ts";

export type LogFields = Record<string, unknown>;
/**
 * A structured logger: `log.info("event", fields)` writes one JSON line with `time`, `level`,
 * `event` and `correlation_id` (the current request's, see {@link logContext}, else the process's
 * own boot id) before the fields. Kept as a plain record of functions so call sites stay simple.
 */
export type Logger = Record<LogLevel, (event: string, fields?: LogFields) => void>;

/** Where the lines go: a function per line (tests), or a pino destination stream. */
export type LogSink = ((line: string) => void) | pino.DestinationStream;

/** What the logger replaces a secret with. */
export const REDACTED = "[redacted]";

// Field names that hold secrets wherever they appear; pino removes their values before writing.
const SECRET_PATHS = [
  "authorization",
  "token",
  "password",
  "secret",
  "cookie",
  "admin_token",
  "*.authorization",
  "*.token",
  "*.password",
  "*.secret",
  "*.cookie",
  "headers.authorization",
];
// A value that looks like a credential is redacted even under an innocent name: JWTs and
// `Bearer …` strings (a token pasted into an error message, a URL, a title).
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;

/** The correlation id of lines written outside any request or job: one per process. */
export const BOOT_CORRELATION_ID = `boot-${randomUUID()}`;

const raw = new WeakMap<Logger, pino.Logger>();

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.replace(JWT_SHAPED, REDACTED).replace(BEARER, REDACTED);
  if (depth > 3 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: LogFields = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, depth + 1);
  return out;
}

function toDestination(sink: LogSink): pino.DestinationStream {
  return typeof sink === "function" ? { write: (line: string) => sink(line.trimEnd()) } : sink;
}

function pinoOptions(level: LogLevel, redact: boolean): pino.LoggerOptions {
  return {
    level,
    base: null,
    messageKey: "event",
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    ...(redact ? { redact: { paths: SECRET_PATHS, censor: REDACTED } } : {}),
  };
}

/**
 * Creates the service's JSON-lines logger (pino) that drops entries below `level`. Secrets are
 * redacted at the logger: fields named like one (`authorization`, `token`, `secret`, …) and any
 * JWT-shaped or `Bearer …` value, wherever it sits.
 * @example createLogger("info").info("listening", { port: 4310 });
 */
export function createLogger(level: LogLevel, sink: LogSink = pino.destination(1)): Logger {
  const destination = toDestination(sink);
  const base = pino(pinoOptions(level, true), destination);
  const entry =
    (entryLevel: LogLevel) =>
    (event: string, fields: LogFields = {}) => {
      if (!base.isLevelEnabled(entryLevel)) return;
      const context = logContext.getStore();
      const line = {
        correlation_id: context?.correlationId ?? BOOT_CORRELATION_ID,
        ...(scrub(fields, 0) as LogFields),
      };
      base[entryLevel](line, event);
    };
  const logger: Logger = {
    debug: entry("debug"),
    info: entry("info"),
    warn: entry("warn"),
    error: entry("error"),
  };
  raw.set(logger, pino(pinoOptions(level, false), destination));
  return logger;
}

/**
 * Writes one line past the redaction. Only the `log_token` fault calls this, to prove the
 * observability suite notices a token in the logs; nothing else may.
 * @example writeUnredacted(services.log, "request", { authorization: req.headers.authorization });
 */
export function writeUnredacted(log: Logger, event: string, fields: LogFields): void {
  const context = logContext.getStore();
  raw.get(log)?.info({ correlation_id: context?.correlationId ?? BOOT_CORRELATION_ID, ...fields }, event);
}

/**
 * Reduces an unknown thrown value to loggable fields: a stable `error_type`, the error's name
 * and message (redacted like every field).
 * @example log.error("run_failed", describeError(err));
 */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error)
    return { error_type: errorType(error), error: error.name, error_message: error.message.slice(0, 500) };
  return { error_type: "internal", error: typeof error };
}

import pg from "pg";
import type { Logger } from "../log.ts";
import { type LogContext, logContext } from "../logContext.ts";

/** Told about every query: for the database log line, the metrics and the monitor. */
export type QueryObserver = {
  log: Logger;
  onQuery: (outcome: { operation: string; ok: boolean; error?: unknown }) => void;
};

const OPERATION =
  /^\s*(?:WITH\b[\s\S]*?\)\s*)?(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|CREATE|ALTER|DROP|SET|LOCK)\b/i;
const TABLE =
  /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|FROM|CREATE\s+TABLE(?:\s+IF\s+NOT\s+EXISTS)?)\s+("?[A-Za-z_][\w]*"?)/i;

/**
 * The operation and main table of a SQL text, for the database log line.
 * @example describeSql("SELECT id FROM users WHERE id = $1") // { operation: "SELECT", table: "users" }
 */
export function describeSql(sql: string): { operation: string; table: string | null } {
  const operation = OPERATION.exec(sql)?.[1]?.toUpperCase() ?? "OTHER";
  const table = TABLE.exec(sql)?.[1]?.replaceAll('"', "") ?? null;
  return { operation, table };
}

type AnyQuery = (...args: unknown[]) => unknown;

function textOf(first: unknown): string {
  if (typeof first === "string") return first;
  if (typeof first === "object" && first !== null && typeof (first as { text?: unknown }).text === "string")
    return (first as { text: string }).text;
  return "";
}

/**
 * A pg `Client` class whose queries are logged (`db_query`: operation, table, query_ms, rows),
 * counted and reported to the database monitor, each with the correlation id of the request it
 * ran for. Connections open outside any request's context, so a socket never keeps the id of
 * the request that happened to open it.
 * @example new pg.Pool({ Client: instrumentedClient(observer) })
 */
export function instrumentedClient(observer: QueryObserver): typeof pg.Client {
  return class InstrumentedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A checked-out client has no pool listener: a connection lost mid-query must not be an
      // unhandled 'error' event (a crash). The query itself fails; the monitor hears of it here.
      this.on("error", (error: Error) => observer.onQuery({ operation: "OTHER", ok: false, error }));
      const connect = (this.connect as AnyQuery).bind(this);
      (this as unknown as { connect: AnyQuery }).connect = (...args: unknown[]) =>
        logContext.exit(() => connect(...args));
      const original = (this.query as AnyQuery).bind(this);
      (this as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
        const context = logContext.getStore();
        const started = performance.now();
        const sql = textOf(args[0]);
        const done = (error: unknown, result: unknown) =>
          finish(observer, context, sql, started, error, result);
        const callbackAt = args.findIndex((arg) => typeof arg === "function");
        if (callbackAt >= 0) {
          const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
          args[callbackAt] = (error: unknown, result: unknown) => {
            done(error, result);
            callback(error, result);
          };
          return original(...args);
        }
        const pending = original(...args);
        if (pending instanceof Promise) {
          return pending.then(
            (result: unknown) => {
              done(undefined, result);
              return result;
            },
            (error: unknown) => {
              done(error, undefined);
              throw error;
            },
          );
        }
        return pending;
      };
    }
  };
}

function finish(
  observer: QueryObserver,
  context: LogContext | undefined,
  sql: string,
  started: number,
  error: unknown,
  result: unknown,
): void {
  const { operation, table } = describeSql(sql);
  const ok = error === undefined || error === null;
  observer.onQuery({ operation, ok, error: ok ? undefined : error });
  if (context?.quiet) return;
  const rows = (result as { rowCount?: unknown } | undefined)?.rowCount;
  const fields = {
    operation,
    table,
    query_ms: Math.round((performance.now() - started) * 100) / 100,
    rows: typeof rows === "number" ? rows : null,
    ok,
  };
  const write = () => observer.log.info("db_query", fields);
  // The line belongs to the request the query ran for, whatever context the driver calls back in.
  if (context === undefined) logContext.exit(write);
  else logContext.run(context, write);
}

import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written inside a request, a run or a job knows about where it came from. */
export type LogContext = {
  correlationId: string;
  /** The signed-in user, once known. */
  userId?: string | null;
  /** The project the request turned out to be about, once known. */
  projectId?: string | null;
  /** Background probes set this: their database queries are not logged one by one. */
  quiet?: boolean;
};

/**
 * The context of the request, run or job the code is working for. Runs started by a request
 * and queries made for it inherit it, so their log lines carry the request's correlation id.
 * @example logContext.run({ correlationId: id }, () => handle(req, res));
 */
export const logContext = new AsyncLocalStorage<LogContext>();

import { hasFault } from "../faults.ts";
import { caller } from "../handlers/caller.ts";
import { HttpError } from "./HttpError.ts";
import type { Handler } from "./Route.ts";

/**
 * Wraps a user route's handler in the per-user rate limit (`ASSAY_RATE_LIMIT_PER_MINUTE`,
 * 100 by default, shared by every route wrapped with the same `limit` name): past it, 429
 * `rate_limited` with `Retry-After` in seconds, before the handler runs.
 * @example route("GET", "/v1/conversations/:id/memory", "user", false, rateLimited("memory", getMemory))
 */
export function rateLimited(limit: string, handler: Handler): Handler {
  return async (ctx) => {
    const user = caller(ctx);
    // The `rate_limit_global` fault: this user's requests count in one bucket shared with
    // every other user under the fault, the shape of a limiter keyed on the wrong thing.
    const key = hasFault(user.id, "rate_limit_global") ? `${limit}:global` : `${limit}:${user.id}`;
    const verdict = ctx.services.rateLimiter.take(key);
    if (!verdict.allowed) {
      ctx.services.metrics.rateLimitRefusals.inc({ limit });
      throw new HttpError(
        429,
        "rate_limited",
        `Too many requests: at most ${ctx.services.config.rateLimitPerMinute} per minute. Retry in ${verdict.retryAfterSeconds} s.`,
        { "retry-after": String(verdict.retryAfterSeconds) },
      );
    }
    return handler(ctx);
  };
}

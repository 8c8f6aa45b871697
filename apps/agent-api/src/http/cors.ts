import type { IncomingMessage } from "node:http";
import { bearerToken } from "../auth/bearerToken.ts";
import { InvalidTokenError } from "../auth/verifyToken.ts";
import { hasFault, usersWithFault } from "../faults.ts";
import type { Services } from "../Services.ts";

/** The request headers a cross-origin caller may send. */
const ALLOWED_HEADERS = "authorization, content-type, x-correlation-id, x-assay-session";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

// The `cors_reflect_origin` fault: the faulty user's requests get any Origin reflected, with
// credentials. A preflight carries no user in a browser; the auth suite sends its token there
// too, so the fault shows on preflights as well.
async function reflectsAnyOrigin(services: Services, req: IncomingMessage): Promise<boolean> {
  if (usersWithFault("cors_reflect_origin").length === 0) return false;
  const token = bearerToken(req.headers.authorization);
  if (token === null) return false;
  try {
    const { sub } = await services.verifyToken(token);
    return hasFault(sub.toLowerCase(), "cors_reflect_origin");
  } catch (error) {
    if (error instanceof InvalidTokenError) return false;
    throw error;
  }
}

/**
 * The CORS headers for a request. An origin listed in `ASSAY_CORS_ORIGINS` gets itself back in
 * `Access-Control-Allow-Origin` (never `*`) and no `Access-Control-Allow-Credentials`: the API
 * takes bearer tokens, not cookies. Any other origin gets no CORS header at all, so a browser
 * keeps the answer from the page that asked.
 * @example for (const [name, value] of Object.entries(await corsHeaders(services, req))) res.setHeader(name, value);
 */
export async function corsHeaders(services: Services, req: IncomingMessage): Promise<Record<string, string>> {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  if (services.config.corsOrigins.includes(origin)) {
    return { "access-control-allow-origin": origin, vary: "Origin" };
  }
  if (await reflectsAnyOrigin(services, req)) {
    return {
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      vary: "Origin",
    };
  }
  return {};
}

/**
 * Whether a request is a CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
 * @example if (isPreflight(req) && res.hasHeader("access-control-allow-origin")) …
 */
export function isPreflight(req: IncomingMessage): boolean {
  return (
    req.method === "OPTIONS" &&
    req.headers.origin !== undefined &&
    req.headers["access-control-request-method"] !== undefined
  );
}

/**
 * The headers of a granted preflight (204): the path's methods and the headers a caller may send.
 * @example send(res, { status: 204, headers: preflightHeaders(match.allow) });
 */
export function preflightHeaders(allow: readonly string[]): Record<string, string> {
  return {
    "access-control-allow-methods": allow.join(", "),
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
  };
}

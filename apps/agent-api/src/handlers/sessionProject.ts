import { defaultProjectId } from "../db/projectStore.ts";
import { findSession } from "../db/sessionStore.ts";
import { hasFault } from "../faults.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
import type { RequestContext } from "../http/Route.ts";
import { caller, knownId } from "./caller.ts";

/** The header that names the session a request works in. */
export const SESSION_HEADER = "x-assay-session";

/**
 * The raw `X-Assay-Session` header: a 400 naming it when it is missing, or null when it may be.
 * Read before the body's fields are checked, so a missing header is the first thing said.
 * @example const sessionId = sessionHeader(ctx, true);
 */
export function sessionHeader(ctx: RequestContext, required: true): string;
export function sessionHeader(ctx: RequestContext, required: false): string | null;
export function sessionHeader(ctx: RequestContext, required: boolean): string | null {
  const header = ctx.req.headers[SESSION_HEADER];
  if (header !== undefined) return String(header);
  if (!required) return null;
  throw new HttpError(
    400,
    "validation_failed",
    'Header "X-Assay-Session" is required: send the id of one of your sessions.',
  );
}

/**
 * The current project of a session the caller owns; a malformed, unknown or foreign session is
 * 404 — never a silent fall back to the default project (unless the `default_project` fault is
 * on for the caller).
 * @example const projectId = await sessionProject(ctx, sessionHeader(ctx, true));
 */
export async function sessionProject(ctx: RequestContext, sessionId: string): Promise<string> {
  const user = caller(ctx);
  const session = await findSession(ctx.services.pool, user.id, knownId(sessionId, "session"));
  if (session === null) throw notFound("session");
  if (hasFault(user.id, "default_project")) return defaultProjectId(ctx.services.pool, user.id);
  return session.project_id;
}

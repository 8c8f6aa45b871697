import { randomUUID } from "node:crypto";

/** One route of the target, as its route table lists it (`GET /v1/test-support/routes`). */
export interface CorsRoute {
  method: string;
  /** `/v1/runs/:id` style; a trailing `/*` matches any rest of the path. */
  pattern: string;
}

/** What the target answered one cross-origin request: the route's own, or its preflight. */
export interface CorsAnswer {
  /** `GET /v1/me`, or `OPTIONS /v1/me (preflight for GET)`. */
  where: string;
  /** The foreign Origin sent. */
  origin: string;
  /** HTTP status; 0 when nothing came back. */
  status: number;
  allowOrigin: string | null;
  allowCredentials: string | null;
}

/** Origins no target may trust: a site of the attacker's, and the opaque origin of a sandboxed page. */
export const FOREIGN_ORIGINS = ["https://assay-cors-probe.example", "null"] as const;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** A path that matches `pattern`: a fresh UUID for each `:param`, `index.html` for a trailing `*`. */
function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, () => randomUUID()).replace(/\*$/, "index.html");
}

async function ask(
  baseURL: string,
  where: string,
  origin: string,
  init: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<CorsAnswer> {
  try {
    const response = await fetch(new URL(init.path, baseURL), {
      method: init.method,
      headers: { origin, ...init.headers },
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    return {
      where,
      origin,
      status: response.status,
      allowOrigin: response.headers.get("access-control-allow-origin"),
      allowCredentials: response.headers.get("access-control-allow-credentials"),
    };
  } catch {
    return { where, origin, status: 0, allowOrigin: null, allowCredentials: null };
  }
}

/**
 * Sends one route's own request and its preflight from each of {@link FOREIGN_ORIGINS}, as the
 * user `token` belongs to. A browser sends no credentials on a preflight; the token goes there
 * too, so a target that decides CORS per caller is judged on what it tells that caller.
 *
 * @example
 * const answers = await probeCors(target.baseURL, { method: "GET", pattern: "/v1/me" }, alice.token);
 */
export async function probeCors(baseURL: string, route: CorsRoute, token: string): Promise<CorsAnswer[]> {
  const path = concretePath(route.pattern);
  const auth = { authorization: `Bearer ${token}` };
  const body = BODY_METHODS.has(route.method) ? "{}" : undefined;
  const own = { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) };
  const preflight = {
    ...auth,
    "access-control-request-method": route.method,
    "access-control-request-headers": "authorization, content-type",
  };
  const answers: CorsAnswer[] = [];
  for (const origin of FOREIGN_ORIGINS) {
    answers.push(
      await ask(baseURL, `${route.method} ${route.pattern}`, origin, {
        method: route.method,
        path,
        headers: own,
        body,
      }),
      await ask(baseURL, `OPTIONS ${route.pattern} (preflight for ${route.method})`, origin, {
        method: "OPTIONS",
        path,
        headers: preflight,
      }),
    );
  }
  return answers;
}

/**
 * What is wrong with one answer: a foreign Origin reflected, or `*`, together with
 * `Access-Control-Allow-Credentials: true`; or no answer at all (nothing was checked). Names the
 * route and the header, never the token.
 *
 * @example
 * judgeCors(answer); // ["GET /v1/me: Access-Control-Allow-Origin reflects the foreign Origin https://assay-cors-probe.example with Access-Control-Allow-Credentials: true"]
 */
export function judgeCors(answer: CorsAnswer): string[] {
  if (answer.status === 0) return [`${answer.where}: no answer from Origin ${answer.origin}`];
  if (answer.allowCredentials?.trim().toLowerCase() !== "true") return [];
  const allowed = answer.allowOrigin?.trim();
  const withCredentials = "with Access-Control-Allow-Credentials: true";
  if (allowed === answer.origin) {
    return [
      `${answer.where}: Access-Control-Allow-Origin reflects the foreign Origin ${answer.origin} ${withCredentials}`,
    ];
  }
  if (allowed === "*") return [`${answer.where}: Access-Control-Allow-Origin "*" ${withCredentials}`];
  return [];
}

/**
 * Throws one error listing every problem of every answer, or when there was nothing to judge;
 * returns the figures otherwise.
 *
 * @example
 * const { answers } = assertCorsClosed(await probeCors(baseURL, route, token));
 */
export function assertCorsClosed(answers: readonly CorsAnswer[]): { answers: number; routes: number } {
  if (answers.length === 0)
    throw new Error("[assay/auth] No CORS answer to judge: the route list was empty.");
  const problems = answers.flatMap(judgeCors);
  if (problems.length > 0) {
    throw new Error(
      `[assay/auth] CORS: ${problems.length} problem(s) in ${answers.length} answers:\n` +
        problems.map((p) => `  ${p}`).join("\n"),
    );
  }
  const routes = new Set(answers.filter((a) => !a.where.startsWith("OPTIONS ")).map((a) => a.where)).size;
  return { answers: answers.length, routes };
}

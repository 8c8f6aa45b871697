import type { AttackAttempt } from "./presentToken.ts";

/**
 * What is wrong with the answer to one attack: accepted at all, or refused other than with a
 * 401, `WWW-Authenticate: Bearer realm="assay", error="invalid_token"` and the error envelope
 * with code `unauthorized`. Never names the token.
 *
 * @example
 * judgeAttempt(attempt); // ["alg-none on rest: accepted (HTTP 200)"]
 */
export function judgeAttempt(attempt: AttackAttempt): string[] {
  const at = `${attempt.variant} on ${attempt.surface}`;
  if (attempt.accepted) return [`${at}: accepted (HTTP ${attempt.status})`];
  const problems: string[] = [];
  if (attempt.status !== 401) problems.push(`${at}: HTTP ${attempt.status}, expected 401`);
  if (
    !/^Bearer realm="assay"/.test(attempt.wwwAuthenticate ?? "") ||
    !/error="invalid_token"/.test(attempt.wwwAuthenticate ?? "")
  )
    problems.push(
      `${at}: WWW-Authenticate is ${JSON.stringify(attempt.wwwAuthenticate ?? null)}, expected Bearer realm="assay", error="invalid_token"`,
    );
  if (!isUnauthorizedEnvelope(attempt.body))
    problems.push(`${at}: the body is not the error envelope with code unauthorized`);
  return problems;
}

/**
 * Throws one error listing every problem of every attempt; returns the figures otherwise.
 *
 * @example
 * const { tried, accepted } = assertAttacksRefused(attempts);
 */
export function assertAttacksRefused(attempts: readonly AttackAttempt[]): {
  tried: number;
  accepted: number;
} {
  const accepted = attempts.filter((a) => a.accepted).length;
  const problems = attempts.flatMap(judgeAttempt);
  if (problems.length > 0) {
    throw new Error(
      `[assay/auth] ${accepted} of ${attempts.length} attacks accepted, ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${p}`).join("\n"),
    );
  }
  return { tried: attempts.length, accepted };
}

function isUnauthorizedEnvelope(body: string): boolean {
  try {
    const error = (JSON.parse(body) as { error?: Record<string, unknown> }).error;
    return (
      error?.code === "unauthorized" &&
      typeof error.message === "string" &&
      typeof error.correlation_id === "string" &&
      Object.keys(error).length === 3
    );
  } catch {
    return false;
  }
}

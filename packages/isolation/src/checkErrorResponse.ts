import { contracts, recordContractUse } from "@assay/contracts";
import { findInternals } from "./findInternals.ts";

/** An HTTP answer to check: where it came from, its status and its body. */
export interface HttpOutcome {
  /** `POST /v1/projects (malformed JSON: trailing comma)`. */
  where: string;
  status: number;
  body: string;
}

/** What an answer may be: a 4xx only, or a 2xx too (for input that is odd but valid). */
export type Expected = "4xx" | "2xx-or-4xx";

/**
 * The problems of one answer to bad input: a status ≥ 500 (or outside what was expected), an
 * error body that is not the envelope (`http/error.v1`), and any stack trace, server path or SQL
 * in the body. Empty when the answer is fine.
 *
 * @example
 * checkErrorResponse({ where: "POST /v1/projects (NUL in name)", status: 500, body }, "2xx-or-4xx");
 * // ["POST /v1/projects (NUL in name): HTTP 500", …]
 */
export function checkErrorResponse(outcome: HttpOutcome, expected: Expected): string[] {
  const { where, status, body } = outcome;
  const problems: string[] = [];
  const is4xx = status >= 400 && status < 500;
  const ok = expected === "4xx" ? is4xx : is4xx || (status >= 200 && status < 300);
  if (status >= 500) problems.push(`${where}: HTTP ${status}`);
  else if (!ok)
    problems.push(`${where}: HTTP ${status}, expected ${expected === "4xx" ? "a 4xx" : "a 2xx or a 4xx"}`);
  if (status >= 400) {
    recordContractUse("http/error.v1");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const { valid, errors } =
      json === undefined ? { valid: false, errors: ["not JSON"] } : contracts.validate("http/error.v1", json);
    if (!valid) problems.push(`${where}: HTTP ${status} without the error envelope (${errors.join("; ")})`);
  }
  for (const internal of findInternals(body)) problems.push(`${where}: the body carries ${internal}`);
  return problems;
}

/**
 * Throws one error listing every problem, or returns when there is none.
 *
 * @example
 * assertCleanErrors(outcomes.flatMap((o) => checkErrorResponse(o, "4xx")), outcomes.length);
 */
export function assertCleanErrors(problems: readonly string[], tried: number): void {
  if (problems.length === 0) return;
  throw new Error(
    `[assay/isolation] Bad input: ${problems.length} problem(s) in ${tried} answers:\n` +
      problems.map((p) => `  ${p}`).join("\n"),
  );
}

/**
 * Validates `value` against contract `id` (recording the use for contract coverage) and pushes
 * one line per violation, prefixed with `where`, onto `problems`.
 *
 * @example
 * checkContract("http/session.v1", body, "POST /v1/sessions", problems);
 */
export function checkContract(id: string, value: unknown, where: string, problems: string[]): void {
  recordContractUse(id);
  const { valid, errors } = contracts.validate(id, value);
  if (!valid) problems.push(`${where}: does not match ${id}: ${errors.join("; ")}`);
}

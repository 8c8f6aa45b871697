import type { ExpectMatcherState, MatcherReturnType } from "@playwright/test";
import type { ValidateFunction } from "ajv";
import { contracts } from "./contracts.ts";
import type { ContractRegistry } from "./createRegistry.ts";
import { formatErrors } from "./formatErrors.ts";
import { formatFailure, matcherResult } from "./formatFailure.ts";
import { isResponseLike, type ResponseLike, readResponseJson } from "./readResponseJson.ts";
import { recordContractUse } from "./recordContractUse.ts";

export interface ToMatchContractOptions {
  /** Validate against another contracts dir; default: this repo's `contracts`. */
  registry?: ContractRegistry;
}

const name = "toMatchContract";
const NO_ERRORS: readonly string[] = Object.freeze([]);
const notReported = (): string => `${name}: the assertion held, so there is nothing to report.`;
// The outcomes Playwright never reports (a valid value; an invalid one under `.not`) need no
// message and no values, so they are two shared objects rather than one new object per event.
const HELD: MatcherReturnType = Object.freeze({ pass: true, name, message: notReported });
const HELD_NEGATED: MatcherReturnType = Object.freeze({ pass: false, name, message: notReported });

/**
 * Playwright matcher: passes when the value, or the JSON body of an APIResponse, matches the
 * contract `id`, and records the id for contract coverage either way. Always `await` it.
 *
 * @example
 * const expect = baseExpect.extend({ toMatchContract });
 * await expect(await request.get("/health")).toMatchContract("http/health.v1");
 * await expect(frame).toMatchContract("ws/agent-started.v1");
 */
export function toMatchContract(
  this: ExpectMatcherState,
  received: unknown,
  id: string,
  options?: ToMatchContractOptions,
): MatcherReturnType | Promise<MatcherReturnType>;
// Listed last because Playwright types `expect(x).toMatchContract()` from the last signature:
// this one makes it a Promise for every receiver, so lint asks for `await` where it matters.
export function toMatchContract(
  this: ExpectMatcherState,
  received: ResponseLike,
  id: string,
  options?: ToMatchContractOptions,
): Promise<MatcherReturnType>;
export function toMatchContract(
  this: ExpectMatcherState,
  received: unknown,
  id: string,
  options?: ToMatchContractOptions,
): MatcherReturnType | Promise<MatcherReturnType> {
  const isNot = this.isNot;
  // Usage errors throw instead of failing: a failure would turn into a pass under `.not`.
  const validate = (options?.registry ?? contracts).validator(id);
  if (typeof received === "object") {
    // Parsed JSON objects (the hot path: every event of a run) skip the checks below.
    if (received !== null && Object.getPrototypeOf(received) !== Object.prototype) {
      if (isResponseLike(received)) return matchResponse(isNot, received, id, validate);
      if (received instanceof Promise) throw wrongReceiver(isNot, id, received);
    }
  } else if (typeof received !== "string" && typeof received !== "number" && typeof received !== "boolean") {
    // undefined, functions, symbols, bigints: there is no JSON value to check.
    throw wrongReceiver(isNot, id, received);
  }
  // Plain values are checked synchronously: a promise per call would cost more than some
  // validations (bench/contracts.bench.ts), and Playwright accepts either.
  return matchValue(isNot, "received", received, id, validate);
}

async function matchResponse(
  isNot: boolean,
  response: ResponseLike,
  id: string,
  validate: ValidateFunction,
): Promise<MatcherReturnType> {
  const body = await readResponseJson(response);
  if (body.ok) return matchValue(isNot, "response", body.value, id, validate);
  recordContractUse(id);
  return matcherResult(isNot, {
    name,
    receivedLabel: "response",
    expected: id,
    pass: false,
    actual: body.text,
    failure: () => ({ contract: id, notes: [body.problem], received: body.text }),
  });
}

function matchValue(
  isNot: boolean,
  receivedLabel: string,
  value: unknown,
  id: string,
  validate: ValidateFunction,
): MatcherReturnType {
  recordContractUse(id);
  const pass = validate(value);
  // Playwright prints a message only when `pass === isNot`; every other outcome (the hot path: a
  // valid event, not negated) is one of the shared results above.
  if (pass !== isNot) return pass ? HELD : HELD_NEGATED;
  // ajv overwrites `validate.errors` on its next call, so failures are captured now; the
  // message itself is built only if Playwright prints it.
  const errors = pass ? NO_ERRORS : formatErrors(validate.errors ?? []);
  // The one result shape of matcherResult, built inline: this runs for every event of every run,
  // and the extra outcome object and closure cost a measurable share (bench/contracts.bench.ts).
  return {
    pass,
    name,
    expected: id,
    actual: value,
    message: () => {
      const failure = { matcherName: name, expected: id, isNot, receivedLabel, contract: id };
      return isNot
        ? formatFailure({ ...failure, notes: ["Received value matches the contract."] })
        : formatFailure({ ...failure, errors, received: value });
    },
  };
}

function wrongReceiver(isNot: boolean, id: string, received: unknown): Error {
  let problem: string;
  if (received instanceof Promise) {
    problem = "Received a Promise. Await it first: expect(await request.get(url)).toMatchContract(id).";
  } else if (typeof received === "function") {
    problem = `Received a function (${received.name || "anonymous"}). Pass the value it returns, not the function.`;
  } else if (received === undefined) {
    problem =
      "Received undefined. Pass a JSON value or a Playwright APIResponse; did a helper forget to return?";
  } else {
    problem = `Received a ${typeof received}, which JSON cannot hold. Pass a JSON value or a Playwright APIResponse.`;
  }
  return new Error(
    formatFailure({ matcherName: name, expected: id, isNot, notes: [`[assay/contracts] ${problem}`] }),
  );
}

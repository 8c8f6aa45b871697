import { formatMatrixFailures } from "./formatMatrixFailures.ts";
import type { ToolMatrix } from "./ToolMatrix.ts";

type MatcherState = { isNot: boolean };
const isMatrix = (v: unknown): v is ToolMatrix =>
  typeof v === "object" && v !== null && Array.isArray((v as ToolMatrix).cases) && "totals" in v;

/**
 * Passes when a tool matrix passed: no failing case, no stale baseline entry, no config
 * problem, every token count within budget, at least one tool called. The failure lists each
 * reason with its tool and case, and the seed that reproduces the arguments.
 *
 * @example
 * expect(await runToolMatrix(options)).toPassToolMatrix();
 */
export function toPassToolMatrix(this: MatcherState, received: unknown) {
  const name = "toPassToolMatrix";
  if (!isMatrix(received))
    return {
      pass: false,
      name,
      message: () =>
        `expect(received).${name}() needs a tool matrix (from runToolMatrix), got ${typeof received === "object" ? JSON.stringify(received)?.slice(0, 200) : typeof received}`,
    };
  const failures = formatMatrixFailures(received);
  const pass = failures.length === 0;
  const head = `expect(matrix).${this.isNot ? "not." : ""}${name}() failed`;
  const where = `Target: ${received.target}, ${received.era} era (${received.protocol_version}), seed ${received.seed} (ASSAY_MCP_SEED=${received.seed} reproduces the arguments)`;
  const totals = `Cases: ${received.totals.pass} pass, ${received.totals.fail} fail, ${received.totals.expected_failure} expected failure, ${received.totals.not_sent} not sent, ${received.totals.skipped} skipped`;
  return {
    pass,
    name,
    expected: "a passing matrix",
    actual: failures,
    message: () =>
      pass
        ? `${head}\n\n${where}\n${totals}\nThe matrix passed.`
        : `${head}\n\n${where}\n${totals}\n${failures.map((f) => `  ${f}`).join("\n")}`,
  };
}

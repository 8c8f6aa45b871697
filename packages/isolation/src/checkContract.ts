import { contracts, recordContractUse } from "@assay/contracts";

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

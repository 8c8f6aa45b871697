import { contracts, formatErrors, recordContractUse } from "@assay/contracts";

/**
 * Validates one received frame against the contract of its `type` (`agent_started` →
 * `ws/agent-started.v1`) with the compiled validator itself: this runs on every frame of a load
 * run. Returns one line per error; empty when valid.
 *
 * @example
 * const errors = checkEventContract({ type: "pong", ts: "2025-06-01T12:00:00.000Z" });
 */
export function checkEventContract(data: unknown): string[] {
  const type = (data as { type?: unknown } | null)?.type;
  if (typeof data !== "object" || data === null || typeof type !== "string" || type === "")
    return ["frame is not a JSON object with a string type: no contract applies"];
  const id = contracts.eventContractId(type);
  if (!contracts.has(id)) return [`no contract ${id} for event type ${JSON.stringify(type)}`];
  recordContractUse(id);
  const validate = contracts.validator(id);
  if (validate(data)) return [];
  return formatErrors(validate.errors ?? []).map((line) => `${id}: ${line}`);
}

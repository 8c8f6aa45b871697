import { contracts, formatErrors, recordContractUse } from "@assay/contracts";
import type { ValidateFunction } from "ajv";

// The compiled validator of each frame type, looked up once: this runs on every frame of a load
// run, and the registry's id mapping and lookups cost as much as a small validation.
const byType = new Map<string, { id: string; validate: ValidateFunction | undefined }>();
// What a valid frame answers: one shared empty list, no allocation per frame.
const VALID: readonly string[] = Object.freeze([]);

/**
 * Validates one received frame against the contract of its `type` (`agent_started` →
 * `ws/agent-started.v1`) with the compiled validator itself, and records the contract as
 * exercised. Returns one line per error; empty (and shared, frozen) when valid.
 *
 * @example
 * const errors = checkEventContract({ type: "pong", ts: "2025-06-01T12:00:00.000Z" });
 */
export function checkEventContract(data: unknown): readonly string[] {
  const type = (data as { type?: unknown } | null)?.type;
  if (typeof data !== "object" || data === null || typeof type !== "string" || type === "")
    return ["frame is not a JSON object with a string type: no contract applies"];
  let entry = byType.get(type);
  if (!entry) {
    const id = contracts.eventContractId(type);
    entry = { id, validate: contracts.has(id) ? contracts.validator(id) : undefined };
    // Unknown types are not cached: a hostile stream of made-up types must not grow the map.
    if (entry.validate) byType.set(type, entry);
  }
  const { id, validate } = entry;
  if (!validate) return [`no contract ${id} for event type ${JSON.stringify(type)}`];
  recordContractUse(id);
  if (validate(data)) return VALID;
  return formatErrors(validate.errors ?? []).map((line) => `${id}: ${line}`);
}

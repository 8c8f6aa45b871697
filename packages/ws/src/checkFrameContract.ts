import { contracts, recordContractUse } from "@assay/contracts";
import { eventOf, type Frame } from "./Frame.ts";

/**
 * Validates a frame against the contract of its `type` (`agent_started` → `ws/agent-started.v1`)
 * and records the contract as covered. `errors` is empty when the frame is valid.
 *
 * @example
 * const { id, errors } = checkFrameContract(frame);
 */
export function checkFrameContract(frame: Frame): { id: string | undefined; errors: string[] } {
  const event = eventOf(frame);
  if (!event || typeof event.type !== "string") {
    return { id: undefined, errors: ["frame is not a JSON object with a string type: no contract applies"] };
  }
  const id = contracts.eventContractId(event.type);
  if (!contracts.has(id))
    return { id, errors: [`no contract ${id} for event type ${JSON.stringify(event.type)}`] };
  recordContractUse(id);
  return { id, errors: contracts.validate(id, event).errors };
}

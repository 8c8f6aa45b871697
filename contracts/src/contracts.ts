import { join } from "node:path";
import { type ContractRegistry, createRegistry } from "./createRegistry.ts";

let registry: ContractRegistry | undefined;

function load(): ContractRegistry {
  registry ??= createRegistry({ dir: join(import.meta.dirname, "..") });
  return registry;
}

/**
 * The registry of this repo's own `contracts/` dir, compiled on first use and then shared
 * by everything in the process (one compile per Playwright worker).
 *
 * @example
 * const { valid, errors } = contracts.validate("ws/agent-started.v1", frame);
 */
export const contracts: ContractRegistry = {
  get dir() {
    return load().dir;
  },
  ids: () => load().ids(),
  has: (id) => load().has(id),
  validate: (id, value) => load().validate(id, value),
  validator: (id) => load().validator(id),
  eventContractId: (type) => load().eventContractId(type),
  logContractId: (event) => load().logContractId(event),
};

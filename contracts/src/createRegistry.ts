import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { eventContractId } from "./eventContractId.ts";
import { formatErrors } from "./formatErrors.ts";
import { loadContracts } from "./loadContracts.ts";
import { unknownContractError } from "./unknownContractError.ts";

/** Outcome of one validation: one formatted line per ajv error, empty when valid. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** Every compiled contract of one contracts dir. */
export interface ContractRegistry {
  /** The contracts dir it was loaded from. */
  readonly dir: string;
  /** Ids counted by contract coverage (`http/`, `ws/`, `mcp/`, `logs/`), sorted. */
  ids(): string[];
  has(id: string): boolean;
  /** Validates `value` against the contract; throws for an unknown id. */
  validate(id: string, value: unknown): ValidationResult;
  /** The compiled ajv function itself, for hot loops; throws for an unknown id. */
  validator(id: string): ValidateFunction;
  /** `agent_started` → `ws/agent-started.v1`. */
  eventContractId(type: string): string;
  /**
   * The `logs/` contract whose `event` enum names this log event (`request` → `logs/request.v1`),
   * or null when no contract names it.
   */
  logContractId(event: string): string | null;
}

export interface RegistryOptions {
  /** A folder holding `http/`, `ws/`, `defs/` (and `mcp/`) schema files. */
  dir: string;
}

// ajv-formats is CommonJS: Node hands the function over as the default import, while its
// types describe `module.exports.default`; `.default` exists on both.
const addFormats = addFormatsModule.default;

/**
 * Loads every schema under `dir` once and compiles each once with one strict Ajv 2020
 * instance, so a typo'd keyword fails here rather than silently accepting anything.
 *
 * @example
 * const registry = createRegistry({ dir: "contracts" });
 * registry.validate("http/health.v1", { status: "ok" }).errors;
 * // ['/status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")', …]
 */
export function createRegistry(options: RegistryOptions): ContractRegistry {
  const { dir } = options;
  const files = loadContracts(dir);
  // discriminator lets run-event lists pick the branch by `type`, which keeps errors to
  // the one schema that applies instead of one set per oneOf branch.
  const ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  for (const { schema, file } of files) {
    try {
      ajv.addSchema(schema);
    } catch (error) {
      throw new Error(`[assay/contracts] ${file} is not a valid JSON Schema: ${(error as Error).message}`);
    }
  }
  for (const { id, schema, file, counted } of files) {
    try {
      const compiled = ajv.compile(schema);
      if (counted) validators.set(id, compiled);
    } catch (error) {
      throw new Error(
        `[assay/contracts] ${file} does not compile: ${(error as Error).message}. Fix the schema; strict mode stays on so typos cannot hide.`,
      );
    }
  }
  const ids = [...validators.keys()];
  // Each logs/ schema lists the events it covers in properties.event.enum.
  const logContracts = new Map<string, string>();
  for (const { id, schema } of files) {
    if (!id.startsWith("logs/")) continue;
    const events = (schema.properties as { event?: { enum?: unknown[] } } | undefined)?.event?.enum ?? [];
    for (const event of events) if (typeof event === "string") logContracts.set(event, id);
  }

  function validator(id: string): ValidateFunction {
    const compiled = validators.get(id);
    if (compiled === undefined) throw unknownContractError(id, ids);
    return compiled;
  }

  return {
    dir,
    ids: () => [...ids],
    has: (id) => validators.has(id),
    validate(id, value) {
      const compiled = validator(id);
      // A fresh result each time: callers may append their own checks to `errors`.
      if (compiled(value)) return { valid: true, errors: [] };
      return { valid: false, errors: formatErrors(compiled.errors ?? []) };
    },
    validator,
    eventContractId,
    logContractId: (event) => logContracts.get(event) ?? null,
  };
}

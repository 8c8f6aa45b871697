import { Ajv as AjvDraft07, type Options, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { fastFormats } from "./fastFormats.ts";
import { formatErrors } from "./formatErrors.ts";
import { loadContracts } from "./loadContracts.ts";

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

const DIALECTS = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "http://json-schema.org/draft-07/schema#": "draft-07",
  "http://json-schema.org/draft-07/schema": "draft-07",
} as const;
type Dialect = (typeof DIALECTS)[keyof typeof DIALECTS];

/**
 * Loads every schema under `dir` once and compiles each once, strict, with the Ajv class of
 * its `$schema` (2020-12, the default, or draft-07, which the MCP 2025-06-18 schema uses), so
 * a typo'd keyword fails here rather than silently accepting anything.
 *
 * @example
 * const registry = createRegistry({ dir: "contracts" });
 * registry.validate("http/health.v1", { status: "ok" }).errors;
 * // ['/status must be equal to one of the allowed values ("healthy", "degraded", "unhealthy")', …]
 */
export function createRegistry(options: RegistryOptions): ContractRegistry {
  const { dir } = options;
  const files = loadContracts(dir);
  const instances = new Map<Dialect, AjvDraft07 | Ajv2020>();
  const ajvFor = (dialect: Dialect): AjvDraft07 | Ajv2020 => {
    let ajv = instances.get(dialect);
    if (ajv === undefined) {
      // discriminator lets run-event lists pick the branch by `type`, which keeps errors to
      // the one schema that applies instead of one set per oneOf branch. allowUnionTypes
      // permits `type: ["string", "integer"]`, plain JSON Schema that the official MCP schemas
      // use for ids; every other strict check stays on.
      const options: Options = { strict: true, allErrors: true, discriminator: true, allowUnionTypes: true };
      ajv = dialect === "draft-07" ? new AjvDraft07(options) : new Ajv2020(options);
      addFormats(ajv);
      // Same answers as ajv-formats' date-time and uuid, without regexes for the shapes every
      // frame carries (`ts`, ids): the most checked formats of a load run.
      for (const [name, format] of Object.entries(fastFormats)) ajv.addFormat(name, format);
      instances.set(dialect, ajv);
    }
    return ajv;
  };
  const validators = new Map<string, ValidateFunction>();
  const dialects = new Map(files.map(({ id, schema, file }) => [id, dialectOf(schema, file)]));
  for (const { id, schema, file } of files) {
    const ajv = ajvFor(dialects.get(id) ?? "2020-12");
    try {
      ajv.addSchema(schema);
    } catch (error) {
      throw new Error(`[assay/contracts] ${file} is not a valid JSON Schema: ${(error as Error).message}`);
    }
  }
  for (const { id, schema, file, counted } of files) {
    const ajv = ajvFor(dialects.get(id) ?? "2020-12");
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

  // A null-prototype record rather than the Map for the lookup every matcher call makes: half the
  // cost of Map#get (bench/contracts.bench.ts), and no inherited keys ("constructor") to find.
  const byId: Record<string, ValidateFunction | undefined> = Object.assign(
    Object.create(null),
    Object.fromEntries(validators),
  );

  function validator(id: string): ValidateFunction {
    const compiled = byId[id];
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

function dialectOf(schema: { [keyword: string]: unknown }, file: string): Dialect {
  if (schema.$schema === undefined) return "2020-12";
  const dialect = DIALECTS[schema.$schema as keyof typeof DIALECTS];
  if (dialect === undefined) {
    throw new Error(
      `[assay/contracts] ${file} declares $schema ${JSON.stringify(schema.$schema)}; Assay compiles draft 2020-12 ("https://json-schema.org/draft/2020-12/schema") and draft-07 ("http://json-schema.org/draft-07/schema#").`,
    );
  }
  return dialect;
}

/**
 * Maps a WebSocket frame `type` to the id of its contract: `agent_started` →
 * `ws/agent-started.v1`. Pure string mapping; ask the registry's `has()` whether it exists.
 *
 * @example
 * contracts.validate(eventContractId(frame.type), frame);
 */
export function eventContractId(type: string): string {
  if (typeof type !== "string" || type === "") {
    throw new TypeError(
      `[assay/contracts] eventContractId needs a frame type such as "agent_started"; got ${typeof type === "string" ? "an empty string" : typeof type}.`,
    );
  }
  return `ws/${type.replaceAll("_", "-")}.v1`;
}

/**
 * The error thrown for an id the registry does not hold, listing the closest known ids so a
 * typo is a one-glance fix.
 *
 * @example
 * throw unknownContractError("http/helth.v1", registry.ids());
 */
function unknownContractError(id: unknown, known: readonly string[]): Error {
  const shown = typeof id === "string" ? JSON.stringify(id) : `${typeof id} ${String(id)}`;
  const target = typeof id === "string" ? id : "";
  const close = [...known]
    .map((candidate) => ({ candidate, distance: distance(target, candidate) }))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 5)
    .map((entry) => entry.candidate);
  const more = known.length > close.length ? `, … (${known.length} in all)` : "";
  return new Error(
    `[assay/contracts] Unknown contract ${shown}. Known: ${close.join(", ")}${more}. ` +
      `An id is the schema's path under contracts/ without ".json", e.g. "http/health.v1".`,
  );
}

/** Levenshtein distance; ids are short and the list is small, so O(n·m) is fine. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

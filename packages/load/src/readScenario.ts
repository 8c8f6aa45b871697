import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import schema from "./scenario.schema.json" with { type: "json" };

/** The flows a user can run (weights in the scenario). */
export const FLOWS = ["run", "conversation", "project_switch", "memory", "health"] as const;
export type FlowName = (typeof FLOWS)[number];
/** Faults a scenario may switch on for its users (see apps/agent-api/README.md). */
export type LoadFault = "load_drop_event" | "load_leak_event" | "load_duplicate_event" | "load_slow_events";

/**
 * A load scenario, as validated by `scenario.schema.json` (see packages/load/README.md).
 *
 * @example
 * const scenario: Scenario = readScenario("packages/load/scenarios/smoke.json");
 */
export type Scenario = {
  name: string;
  description?: string;
  users: number;
  stages: { duration_s: number; target_pct: number }[];
  think_time_ms: { min: number; max: number };
  flows: Partial<Record<FlowName, number>>;
  tools: { min: number; max: number };
  run_timeout_ms: number;
  sampling: { allowed: boolean; rate: number };
  soak?: { every_s: number; max_rss_growth_mb_per_min?: number; max_socket_growth_per_min?: number };
  crash?: { restart_at_s: number; reconnect_within_ms: number; signal: "SIGTERM" | "SIGKILL" };
  faults: LoadFault[];
};

/** A scenario file or variable that cannot run; the message is one line naming what is wrong. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

function describe(error: ErrorObject): string {
  const where = error.instancePath || "/";
  if (error.keyword === "additionalProperties")
    return `${where} has an unknown key "${String(error.params.additionalProperty)}"`;
  if (error.keyword === "required") return `${where} needs "${String(error.params.missingProperty)}"`;
  if (error.keyword === "enum")
    return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(", ")}`;
  return `${where} ${error.message ?? "is invalid"}`;
}

/** Total length of the stages, in seconds. */
export const scenarioDuration = (scenario: Pick<Scenario, "stages">): number =>
  scenario.stages.reduce((sum, stage) => sum + stage.duration_s, 0);

/**
 * Checks a parsed scenario (schema, then the rules a schema cannot say) and applies the
 * overrides: `ASSAY_LOAD_USERS` replaces `users`; `ASSAY_LOAD_DURATION_S` stretches every stage
 * so they add up to it (a 3-minute soak becomes a 24-hour one). Throws one {@link ScenarioError}.
 *
 * @example
 * parseScenario(JSON.parse(text), "smoke.json", { ASSAY_LOAD_USERS: "50" }).users; // 50
 */
export function parseScenario(
  value: unknown,
  source: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Scenario {
  const fail = (problems: string[]): never => {
    throw new ScenarioError(`[assay/load] scenario ${source}: ${problems.join("; ")}.`);
  };
  if (!validate(value)) fail((validate.errors ?? []).slice(0, 5).map(describe));
  const raw = value as Omit<Scenario, "sampling" | "faults" | "run_timeout_ms" | "tools" | "crash"> & {
    sampling?: { allowed: boolean; rate?: number };
    faults?: LoadFault[];
    run_timeout_ms?: number;
    tools?: { min: number; max: number };
    crash?: { restart_at_s: number; reconnect_within_ms?: number; signal?: "SIGTERM" | "SIGKILL" };
  };
  const problems: string[] = [];
  if (raw.think_time_ms.min > raw.think_time_ms.max) problems.push("/think_time_ms min is above max");
  if (raw.tools && raw.tools.min > raw.tools.max) problems.push("/tools min is above max");
  if (!Object.values(raw.flows).some((weight) => (weight ?? 0) > 0))
    problems.push("/flows needs at least one weight above 0");
  if (raw.sampling && !raw.sampling.allowed && raw.sampling.rate !== undefined && raw.sampling.rate !== 1)
    problems.push("/sampling/rate below 1 needs allowed: true (checks are never sampled silently)");
  if (raw.sampling?.allowed && raw.sampling.rate === undefined)
    problems.push("/sampling allowed: true needs a rate (the share of runs checked)");
  if (problems.length > 0) fail(problems);

  let users = raw.users;
  const usersText = env.ASSAY_LOAD_USERS;
  if (usersText !== undefined && usersText !== "") {
    users = Number(usersText);
    if (!/^\d+$/.test(usersText) || users < 1 || users > 100_000)
      fail([`ASSAY_LOAD_USERS must be an integer 1-100000, got "${usersText.slice(0, 20)}"`]);
  }
  let stages = raw.stages;
  const durationText = env.ASSAY_LOAD_DURATION_S;
  if (durationText !== undefined && durationText !== "") {
    const total = Number(durationText);
    if (!/^\d+(\.\d+)?$/.test(durationText) || total <= 0 || total > 604_800)
      fail([
        `ASSAY_LOAD_DURATION_S must be a number of seconds above 0 (at most 604800), got "${durationText.slice(0, 20)}"`,
      ]);
    const scale = total / scenarioDuration(raw);
    stages = stages.map((stage) => ({ ...stage, duration_s: stage.duration_s * scale }));
  }
  const scenario: Scenario = {
    ...raw,
    users,
    stages,
    tools: raw.tools ?? { min: 0, max: 3 },
    run_timeout_ms: raw.run_timeout_ms ?? 30_000,
    sampling: {
      allowed: raw.sampling?.allowed ?? false,
      rate: raw.sampling?.allowed ? (raw.sampling.rate ?? 1) : 1,
    },
    faults: raw.faults ?? [],
    crash: raw.crash
      ? {
          restart_at_s: raw.crash.restart_at_s,
          reconnect_within_ms: raw.crash.reconnect_within_ms ?? 30_000,
          signal: raw.crash.signal ?? "SIGTERM",
        }
      : undefined,
  };
  if (scenario.crash && scenario.crash.restart_at_s >= scenarioDuration(scenario))
    fail([
      `/crash/restart_at_s (${scenario.crash.restart_at_s}) must fall within the stages (${scenarioDuration(scenario)} s)`,
    ]);
  if (scenario.crash === undefined) delete scenario.crash;
  return scenario;
}

/**
 * Reads and checks a scenario file; see {@link parseScenario}.
 *
 * @example
 * const scenario = readScenario(process.env.ASSAY_LOAD_SCENARIO ?? "packages/load/scenarios/smoke.json", process.env);
 */
export function readScenario(file: string, env: Readonly<Record<string, string | undefined>> = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ScenarioError(
      `[assay/load] scenario ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): set ASSAY_LOAD_SCENARIO to a file such as packages/load/scenarios/smoke.json.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`[assay/load] scenario ${file} is not JSON: ${(error as Error).message}.`);
  }
  return parseScenario(value, file, env);
}

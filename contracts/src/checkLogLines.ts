import { contracts } from "./contracts.ts";
import type { ContractRegistry } from "./createRegistry.ts";
import { recordContractUse } from "./recordContractUse.ts";

/** What {@link checkLogLines} found. */
export interface LogCheck {
  /** Lines checked. */
  checked: number;
  /** How many lines of each contract were seen (`logs/request.v1` → 12). */
  kinds: Record<string, number>;
  /** One line per problem: the line's event and correlation id, and what is wrong. */
  problems: string[];
}

/**
 * Checks structured log lines against the `logs/` contracts: each line's `event` picks the
 * contract whose `event` enum names it (an event no contract names is a problem), the line must
 * match it, and — when given — carry one of `correlationIds` and contain none of `secrets`
 * (anywhere in the line). Every contract used is recorded for contract coverage.
 * @example
 * const { problems } = checkLogLines(lines, { secrets: [alice.token] });
 */
export function checkLogLines(
  lines: ReadonlyArray<Record<string, unknown>>,
  options: {
    correlationIds?: ReadonlySet<string>;
    secrets?: readonly string[];
    registry?: ContractRegistry;
  } = {},
): LogCheck {
  const registry = options.registry ?? contracts;
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const kinds: Record<string, number> = {};
  const problems: string[] = [];
  for (const line of lines) {
    const event = typeof line.event === "string" ? line.event : "";
    const where = `${event || "(no event)"} [${String(line.correlation_id ?? "no correlation id")}]`;
    const text = JSON.stringify(line);
    // Never print the secret itself: say which one, by position, and where.
    const leaked = secrets.findIndex((secret) => text.includes(secret));
    if (leaked >= 0)
      problems.push(`${where}: holds secret #${leaked + 1} of the run (a bearer token or key)`);
    if (options.correlationIds !== undefined && !options.correlationIds.has(String(line.correlation_id)))
      problems.push(`${where}: does not carry a correlation id of the requests that caused it`);
    const id = event === "" ? null : registry.logContractId(event);
    if (id === null) {
      problems.push(`${where}: no logs/ contract names this event`);
      continue;
    }
    kinds[id] = (kinds[id] ?? 0) + 1;
    recordContractUse(id);
    const { valid, errors } = registry.validate(id, line);
    if (!valid) problems.push(`${where}: does not match ${id}: ${errors.slice(0, 3).join("; ")}`);
  }
  return { checked: lines.length, kinds, problems };
}

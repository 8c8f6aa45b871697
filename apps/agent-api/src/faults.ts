/**
 * Deliberate faults, one user at a time, so a test can prove a suite catches the bug it hunts
 * (README, "Test-support additions"). They live in memory only, are set through the
 * test-support API, and count only while that API is enabled: with `ASSAY_ADMIN_TOKEN` unset,
 * {@link hasFault} is always false.
 */

/** The faults the service can be told to commit, each for one named user. */
export const FAULT_NAMES = [
  "leak_events",
  "skip_owner_check",
  "accept_expired",
  "stack_traces",
  "default_project",
  // Resilience and observability (README, "Resilience faults"). The first four act on the whole
  // process while any user has them: set them only on an instance of your own.
  "no_reconnect",
  "health_queries_db",
  "breaker_lost_updates",
  "expired_certificate",
  "metrics_double_count",
  "ack_before_commit",
  "rate_limit_global",
  "log_token",
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

const active = new Map<string, Set<FaultName>>();
let enabled = false;

/**
 * Turns fault handling on or off for this process (on only with the test-support API); turning
 * it off forgets every fault.
 * @example enableFaults(config.adminToken !== undefined);
 */
export function enableFaults(on: boolean): void {
  enabled = on;
  if (!on) active.clear();
}

/**
 * Whether the user's requests and runs must commit this fault.
 * @example if (hasFault(user.id, "stack_traces")) body.error.stack = error.stack;
 */
export function hasFault(userId: string, name: FaultName): boolean {
  return enabled && active.get(userId)?.has(name) === true;
}

/**
 * Whether any user has this fault: for the faults that act on the whole process (a reconnect
 * loop, `/health`, the circuit breaker have no user).
 * @example if (hasAnyFault("no_reconnect")) return;
 */
export function hasAnyFault(name: FaultName): boolean {
  if (!enabled) return false;
  for (const faults of active.values()) if (faults.has(name)) return true;
  return false;
}

/**
 * Switches one fault on or off for one user; ignored while faults are disabled.
 * @example setFault(user.id, "leak_events", true);
 */
export function setFault(userId: string, name: FaultName, on: boolean): void {
  if (!enabled) return;
  const faults = active.get(userId) ?? new Set<FaultName>();
  if (on) faults.add(name);
  else faults.delete(name);
  if (faults.size > 0) active.set(userId, faults);
  else active.delete(userId);
}

/**
 * The users under one fault: for `leak_events`, the group whose run events leak to each other.
 * @example usersWithFault("leak_events") // ["…alice", "…bob"]
 */
export function usersWithFault(name: FaultName): string[] {
  if (!enabled) return [];
  return [...active].filter(([, faults]) => faults.has(name)).map(([userId]) => userId);
}

/**
 * Forgets every fault of a user (when it is deleted).
 * @example clearFaults(user.id);
 */
export function clearFaults(userId: string): void {
  active.delete(userId);
}

/**
 * Every active fault, one entry per user and fault.
 * @example listFaults() // [{ user_id: "…", fault: "leak_events" }]
 */
export function listFaults(): Array<{ user_id: string; fault: FaultName }> {
  return [...active].flatMap(([userId, faults]) => [...faults].map((fault) => ({ user_id: userId, fault })));
}

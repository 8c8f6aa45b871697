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
  "cors_reflect_origin",
  "mcp_output_schema_break",
  "mcp_session_default_project",
  "mcp_unknown_session_400",
  "mcp_throw_500",
  "mcp_origin_unchecked",
  "mcp_tools_list_unstable",
  "oauth_any_audience",
  "load_drop_event",
  "load_leak_event",
  "load_duplicate_event",
  "load_slow_events",
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
  if (!on) {
    active.clear();
    clientFaults.clear();
  }
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

/**
 * The OAuth faults that belong to one registered client rather than to a user: what the
 * authorization server then does wrong, for that client's requests only (README, "OAuth faults").
 * Set through `PUT /v1/test-support/oauth/clients/:id/faults`; like the user faults, in memory,
 * and honoured only while the test-support API is enabled.
 */
export const CLIENT_FAULT_NAMES = [
  "oauth_plain_pkce",
  "oauth_code_reuse",
  "oauth_codes_in_memory",
  "oauth_redirect_prefix",
] as const;
export type ClientFaultName = (typeof CLIENT_FAULT_NAMES)[number];

const clientFaults = new Map<string, Set<ClientFaultName>>();

/**
 * Whether the authorization server must commit this fault for this client.
 * @example if (hasClientFault(client.id, "oauth_plain_pkce")) methods.push("plain");
 */
export function hasClientFault(clientId: string, name: ClientFaultName): boolean {
  return enabled && clientFaults.get(clientId)?.has(name) === true;
}

/**
 * Switches one fault on or off for one client; ignored while faults are disabled.
 * @example setClientFault(client.id, "oauth_code_reuse", true);
 */
export function setClientFault(clientId: string, name: ClientFaultName, on: boolean): void {
  if (!enabled) return;
  const faults = clientFaults.get(clientId) ?? new Set<ClientFaultName>();
  if (on) faults.add(name);
  else faults.delete(name);
  if (faults.size > 0) clientFaults.set(clientId, faults);
  else clientFaults.delete(clientId);
}

/**
 * Forgets every fault of a client (when it is deleted).
 * @example clearClientFaults(client.id);
 */
export function clearClientFaults(clientId: string): void {
  clientFaults.delete(clientId);
}

/**
 * The faults of one client.
 * @example listClientFaults(client.id) // ["oauth_plain_pkce"]
 */
export function listClientFaults(clientId: string): ClientFaultName[] {
  return enabled ? [...(clientFaults.get(clientId) ?? [])] : [];
}

/** Under a `load_*` fault, one event in this many goes wrong (counted over every user under it). */
export const LOAD_FAULT_EVERY = 200;
/** `load_slow_events`: how long each event of the user's runs waits before it is emitted. */
export const SLOW_EVENT_MS = 250;

const LOAD_FAULTS = [
  ["load_drop_event", "drop"],
  ["load_leak_event", "leak"],
  ["load_duplicate_event", "duplicate"],
] as const;
const loadCounters = new Map<FaultName, number>();

/**
 * What the load faults do to the next live event of this user's runs: every 200th event under
 * `load_drop_event` is not sent, under `load_duplicate_event` is sent twice, under
 * `load_leak_event` also reaches another user under that fault. A counter, not chance, so the
 * same traffic goes wrong the same way on every run.
 * @example if (loadFaultFor(ownerId) === "drop") return;
 */
export function loadFaultFor(userId: string): "drop" | "leak" | "duplicate" | null {
  for (const [name, effect] of LOAD_FAULTS) {
    if (!hasFault(userId, name)) continue;
    const n = (loadCounters.get(name) ?? 0) + 1;
    loadCounters.set(name, n);
    if (n % LOAD_FAULT_EVERY === 0) return effect;
  }
  return null;
}

/**
 * The user a `load_leak_event` leak of `userId`'s event goes to: the next one under that fault
 * (in the order they were switched on), so a leak always crosses to someone else.
 * @example const receiver = leakReceiverFor(ownerId);
 */
export function leakReceiverFor(userId: string): string | undefined {
  const group = usersWithFault("load_leak_event");
  if (group.length < 2) return undefined;
  return group[(group.indexOf(userId) + 1) % group.length];
}

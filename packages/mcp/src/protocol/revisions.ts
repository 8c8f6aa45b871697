/** `session`: 2025-06-18 / 2025-11-25 (`initialize`, `Mcp-Session-Id`); `stateless`: 2026-07-28. */
export type McpEra = "session" | "stateless";

/** The MCP revisions Assay speaks, newest first, with the era each belongs to. */
export const REVISIONS = {
  "2026-07-28": "stateless",
  "2025-11-25": "session",
  "2025-06-18": "session",
} as const satisfies Record<string, McpEra>;

/** A revision Assay has the official schema of. */
export type McpRevision = keyof typeof REVISIONS;

/** The revision a stateless-era client speaks. */
export const STATELESS_REVISION = "2026-07-28" satisfies McpRevision;
/** The newest session-era revision: what `initialize` asks for unless told otherwise. */
export const LATEST_SESSION_REVISION = "2025-11-25" satisfies McpRevision;
/** Every session-era revision, newest first. */
export const SESSION_REVISIONS = ["2025-11-25", "2025-06-18"] as const satisfies readonly McpRevision[];

/**
 * Whether Assay speaks `version`, as a type guard.
 *
 * @example
 * if (!isRevision(result.protocolVersion)) problems.push("unknown revision");
 */
export function isRevision(version: unknown): version is McpRevision {
  return typeof version === "string" && Object.hasOwn(REVISIONS, version);
}

/**
 * The era of a revision Assay speaks.
 *
 * @example
 * eraOf("2025-06-18"); // "session"
 */
export function eraOf(revision: McpRevision): McpEra {
  return REVISIONS[revision];
}

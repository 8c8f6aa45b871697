/** The protocol era of a connection: sessions (2025-06-18, 2025-11-25) or stateless (2026-07-28). */
export type McpEra = "session" | "stateless";

/** The kinds of case the matrix runs per tool. */
export type CaseKind =
  | "schema"
  | "valid"
  | "missing_required"
  | "wrong_type"
  | "enum_miss"
  | "out_of_range"
  | "extra_property";

/**
 * `pass`/`fail`; `expected_failure`: failed and listed in the target's baseline; `not_sent`: a
 * mutant ajv found valid (recorded, never sent); `skipped`: the tool was not called (config,
 * destructive on a shared target, or a tool it depends on failed).
 */
export type CaseStatus = "pass" | "fail" | "expected_failure" | "not_sent" | "skipped";

/** One tool × case of the matrix. */
export type MatrixCase = {
  tool: string;
  /** `schema`, `valid`, or `<kind>:<JSON pointer>[:<keyword>]`, e.g. `out_of_range:/limit:maximum`. */
  case: string;
  kind: CaseKind;
  status: CaseStatus;
  /** What the server answered: `result`, `isError`, `JSON-RPC -32602`, `HTTP 500`, `timeout`, … */
  outcome: string;
  /** Why it failed, was skipped or not sent; for an expected failure, the failure itself. */
  reason: string;
  /** Wall time of the call, null when nothing was sent. */
  ms: number | null;
  /** Who owns an expected failure and why it is accepted. */
  baseline?: { owner: string; reason: string; expires: string };
};

/** How one tool was seen: its schemas' dialect and compile result, annotations, why skipped. */
export type MatrixTool = {
  name: string;
  input: { dialect: string; compiled: "strict" | "lax" | "no" };
  output: { dialect: string; compiled: "strict" | "lax" | "no" } | null;
  destructive: boolean;
  /** Set when the tool was not called at all. */
  skipped?: string;
  /** The seed its valid arguments came from (reproduce with `--seed`). */
  seed?: number;
};

/** Tokens of one part of what the server sends a model, with its budget when there is one. */
export type TokenCount = { part: string; tokens: number; budget: number | null; ok: boolean };

/** A baseline entry that no longer describes a failure. */
export type StaleExpectation = {
  tool: string;
  case: string;
  owner: string;
  why: "passed" | "not in matrix" | "expired";
};

/** The whole matrix of one target in one era: `reports/mcp/tool-matrix.json` holds one per run and era. */
export type ToolMatrix = {
  version: 1;
  target: string;
  url: string;
  era: McpEra;
  protocol_version: string;
  run_id: string;
  seed: number;
  generated_at: string;
  wall_ms: number;
  tools: MatrixTool[];
  cases: MatrixCase[];
  tokens: TokenCount[];
  stale_baseline: StaleExpectation[];
  /** Target config entries that name a tool the server does not list. */
  config_problems: string[];
  /** Messages the client found breaking the official schema of the negotiated revision, and the like. */
  protocol_problems: string[];
  totals: {
    tools: number;
    called: number;
    cases: number;
    pass: number;
    fail: number;
    expected_failure: number;
    not_sent: number;
    skipped: number;
  };
  verdict: "pass" | "fail";
};

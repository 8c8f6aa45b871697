import { randomUUID } from "node:crypto";
import { contracts } from "@assay/contracts";
import { askWs, type WsClient } from "@assay/ws";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { BOLA_TABLE, type BolaRow, type HttpBolaRow, type OwnedIds } from "./bolaTable.ts";

export interface BolaMatrixInput {
  /** User B: its API client and an open socket (needed for the table's WebSocket rows). */
  attacker: { api: APIRequestContext; ws?: WsClient };
  /** User B's own ids, for the parts of a request that are not under test. */
  own: OwnedIds;
  /** User A's ids: the ones B must not reach. */
  victim: OwnedIds;
  table?: readonly BolaRow[];
}

export interface BolaMatrixReport {
  /** Requests and messages sent with a victim's id (each also sent with a random id). */
  tried: number;
  /** One line per failed cell, naming the route or message, method and id kind. */
  problems: string[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Answer = { status: number; code: string; message: string; body: string };

/**
 * Runs the BOLA matrix: user B sends each of user A's ids through every row of the table, and on
 * every path row's URL with every HTTP method. Each must answer as a random id does (same status,
 * code and message; never 2xx), and the methods the service routes must answer 404 `not_found`.
 * Never throws for a finding: {@link assertBolaMatrix} does.
 *
 * @example
 * const { tried, problems } = await runBolaMatrix({ attacker: { api: bob.api, ws }, own: bobIds, victim: aliceIds });
 */
export async function runBolaMatrix(input: BolaMatrixInput): Promise<BolaMatrixReport> {
  const table = input.table ?? BOLA_TABLE;
  const problems: string[] = [];
  let tried = 0;
  const routed = new Set(
    table.flatMap((row) =>
      row.surface === "http" && row.place === "path" ? [`${row.method} ${row.pattern}`] : [],
    ),
  );
  const probedPaths = new Set<string>();
  for (const row of table) {
    if (row.surface === "ws") {
      tried += 1;
      await probeWs(input, row, problems);
      continue;
    }
    tried += 1;
    await probeHttp(input, row, row.method, true, problems);
    if (row.place !== "path" || probedPaths.has(row.pattern)) continue;
    probedPaths.add(row.pattern);
    // The other methods on the same URL: whatever they answer, a victim's id must not change it.
    for (const method of METHODS) {
      if (routed.has(`${method} ${row.pattern}`) || method === "DELETE") continue;
      tried += 1;
      await probeHttp(input, row, method, false, problems);
    }
  }
  // Unrouted DELETEs last, with the destructive rows: a wrong 2xx must not hide the rows after it.
  for (const pattern of probedPaths) {
    if (routed.has(`DELETE ${pattern}`)) continue;
    const row = table.find(
      (r): r is HttpBolaRow => r.surface === "http" && r.pattern === pattern,
    ) as HttpBolaRow;
    tried += 1;
    await probeHttp(input, row, "DELETE", false, problems);
  }
  return { tried, problems };
}

/**
 * {@link runBolaMatrix}, throwing one error that lists every failed cell.
 *
 * @example
 * await assertBolaMatrix({ attacker: { api: bob.api, ws }, own: bobIds, victim: aliceIds });
 */
export async function assertBolaMatrix(input: BolaMatrixInput): Promise<BolaMatrixReport> {
  const report = await runBolaMatrix(input);
  if (report.problems.length > 0) {
    throw new Error(
      `[assay/isolation] BOLA matrix: ${report.problems.length} of ${report.tried} cells let user B tell ` +
        `user A's ids apart from random ones:\n${report.problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
  return report;
}

async function probeHttp(
  input: BolaMatrixInput,
  row: HttpBolaRow,
  method: string,
  routed: boolean,
  problems: string[],
): Promise<void> {
  const cell = `${method} ${row.pattern} (user A's ${row.id} id in the ${row.place})`;
  const send = async (id: string) => {
    const { path, data, headers } = row.request(id, input.own);
    const body = data ?? (method === "GET" || method === "DELETE" ? undefined : {});
    return read(await input.attacker.api.fetch(path, { method, data: body, headers }));
  };
  const foreign = await send(input.victim[row.id]);
  const random = await send(randomUUID());
  if (foreign.status >= 200 && foreign.status < 300) {
    problems.push(`${cell}: HTTP ${foreign.status}, a random id gets HTTP ${random.status} ${random.code}`);
    return;
  }
  if (
    foreign.status !== random.status ||
    foreign.code !== random.code ||
    foreign.message !== random.message
  ) {
    problems.push(
      `${cell}: HTTP ${foreign.status} ${foreign.code} "${foreign.message}", ` +
        `a random id gets HTTP ${random.status} ${random.code} "${random.message}"`,
    );
    return;
  }
  if (routed && (foreign.status !== 404 || foreign.code !== "not_found")) {
    problems.push(
      `${cell}: HTTP ${foreign.status} ${foreign.code}, expected 404 not_found as for a missing id`,
    );
    return;
  }
  if (!contracts.validate("http/error.v1", parseJson(foreign.body)).valid) {
    problems.push(`${cell}: the error body does not match http/error.v1`);
  }
}

async function probeWs(
  input: BolaMatrixInput,
  row: Extract<BolaRow, { surface: "ws" }>,
  problems: string[],
): Promise<void> {
  const cell = `WS ${row.message} (user A's ${row.id} id)`;
  const ws = input.attacker.ws;
  if (!ws) {
    problems.push(`${cell}: no socket given; pass attacker.ws to runBolaMatrix`);
    return;
  }
  const victimId = input.victim[row.id];
  const foreign = await askWs(ws, row.frame(victimId, "bola-victim"));
  const random = await askWs(ws, row.frame(randomUUID(), "bola-random"));
  const summary = (a: Record<string, unknown>) => {
    const error = a.error as { code?: string; message?: string } | undefined;
    return `${String(a.type)} ${error?.code ?? ""} "${error?.message ?? ""}"`;
  };
  const [f, r] = [summary(foreign), summary(random)];
  if (foreign.type !== "error" || f !== r || (foreign.error as { code?: string }).code !== "not_found") {
    problems.push(`${cell}: answered ${f}, a random id gets ${r}, expected error not_found for both`);
  }
  const reached = ws.frames.filter((frame) => JSON.stringify(frame.data).includes(victimId)).length;
  if (reached > 0)
    problems.push(`${cell}: ${reached} frame(s) on user B's socket carry user A's ${row.id} id`);
}

async function read(response: APIResponse): Promise<Answer> {
  const body = await response.text();
  let error: { code?: unknown; message?: unknown } = {};
  try {
    error = (JSON.parse(body) as { error?: typeof error }).error ?? {};
  } catch {
    // Not JSON: compared by status alone, and the contract check reports it.
  }
  return {
    status: response.status(),
    code: String(error.code ?? ""),
    message: String(error.message ?? ""),
    body,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

import type { CaseKind, MatrixCase, ToolMatrix } from "./ToolMatrix.ts";

const KINDS: CaseKind[] = [
  "schema",
  "valid",
  "missing_required",
  "wrong_type",
  "enum_miss",
  "out_of_range",
  "extra_property",
];

/**
 * The p95 of the calls' wall times, nearest rank like the gate's (always a real sample), or null
 * when nothing was sent.
 *
 * @example
 * p95([{ ...c, ms: 10 }, { ...c, ms: 40 }]); // 40
 */
export function p95(cases: readonly MatrixCase[]): number | null {
  const ms = cases.flatMap((c) => (c.ms === null ? [] : [c.ms])).sort((a, b) => a - b);
  return ms.length === 0 ? null : (ms[Math.max(1, Math.ceil(0.95 * ms.length)) - 1] ?? null);
}

function cell(cases: readonly MatrixCase[]): string {
  if (cases.length === 0) return "–";
  const n = (status: string): number => cases.filter((c) => c.status === status).length;
  const judged = cases.length - n("not_sent") - n("skipped");
  const notSent = n("not_sent") > 0 ? ` (+${n("not_sent")} not sent)` : "";
  if (judged === 0) return n("skipped") > 0 ? "skipped" : `not sent ${n("not_sent")}`;
  const ms = cases.length === 1 && cases[0]?.ms !== null ? ` ${cases[0]?.ms} ms` : "";
  if (n("fail") > 0) return `**fail** ${n("fail")}/${judged}${notSent}`;
  if (n("expected_failure") > 0) return `expected failure ${n("expected_failure")}/${judged}${notSent}`;
  return `pass ${n("pass")}/${judged}${ms}${notSent}`;
}

const cellText = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The matrix as markdown: one row per tool, one column per kind of case (pass / fail / expected
 * failure, with counts), the p95 latency of the tool's calls, then every failure with its reason,
 * the expected failures with their owners, stale baseline entries, config problems and token counts.
 *
 * @example
 * writeFileSync("reports/mcp/tool-matrix.md", renderMatrixMarkdown([sessionMatrix, statelessMatrix]));
 */
export function renderMatrixMarkdown(matrices: readonly ToolMatrix[]): string {
  return matrices.map(renderOne).join("\n\n");
}

function renderOne(m: ToolMatrix): string {
  const t = m.totals;
  const lines = [
    `## MCP tool matrix: ${m.target}, ${m.era} era (${m.protocol_version}): ${m.verdict.toUpperCase()}`,
    "",
    `${m.url} · seed ${m.seed} · ${t.tools} tools, ${t.called} called · ${t.cases} cases: ${t.pass} pass, ${t.fail} fail, ` +
      `${t.expected_failure} expected failure, ${t.not_sent} not sent, ${t.skipped} skipped · ${(m.wall_ms / 1000).toFixed(1)} s`,
    "",
    `| tool | ${KINDS.join(" | ")} | p95 ms |`,
    `| --- | ${KINDS.map(() => "---").join(" | ")} | ---: |`,
  ];
  for (const tool of m.tools) {
    const mine = m.cases.filter((c) => c.tool === tool.name);
    const cells = KINDS.map((kind) => cell(mine.filter((c) => c.kind === kind)));
    lines.push(`| ${cellText(tool.name)} | ${cells.join(" | ")} | ${p95(mine) ?? "–"} |`);
  }
  const failures = m.cases.filter((c) => c.status === "fail");
  if (failures.length > 0) {
    lines.push("", "Failures:", "");
    for (const c of failures) lines.push(`- ${c.tool} › ${c.case}: ${cellText(c.reason)}`);
  }
  const expected = m.cases.filter((c) => c.status === "expected_failure");
  if (expected.length > 0) {
    lines.push("", "Expected failures (target baseline):", "");
    for (const c of expected)
      lines.push(
        `- ${c.tool} › ${c.case}: ${cellText(c.reason)} (owner ${c.baseline?.owner}: ${cellText(c.baseline?.reason ?? "")}, until ${c.baseline?.expires})`,
      );
  }
  const skipped = m.tools.filter((tool) => tool.skipped);
  if (skipped.length > 0) {
    lines.push("", "Not called:", "");
    for (const tool of skipped) lines.push(`- ${tool.name}: ${cellText(tool.skipped ?? "")}`);
  }
  if (m.stale_baseline.length > 0) {
    lines.push("", "Stale baseline entries (remove or renew them):", "");
    for (const s of m.stale_baseline) lines.push(`- ${s.tool} › ${s.case} (owner ${s.owner}): ${s.why}`);
  }
  if (m.config_problems.length > 0) {
    lines.push("", "Config problems:", "");
    for (const p of m.config_problems) lines.push(`- ${cellText(p)}`);
  }
  if (m.protocol_problems.length > 0) {
    lines.push("", "Protocol problems:", "");
    for (const p of m.protocol_problems) lines.push(`- ${cellText(p)}`);
  }
  if (m.tokens.length > 0) {
    lines.push("", "| tokens (o200k_base) | count | budget |", "| --- | ---: | ---: |");
    for (const k of m.tokens)
      lines.push(`| ${k.part} | ${k.ok ? k.tokens : `**${k.tokens}**`} | ${k.budget ?? "–"} |`);
  }
  return lines.join("\n");
}

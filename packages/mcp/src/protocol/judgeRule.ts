import { annotate } from "@assay/contracts";
import type { ProtocolRule } from "./protocolRules.ts";

/** Annotation naming each rule a test checks: `MUST origin-403: … (cite)`. */
export const RULE_ANNOTATION = "assay:mcp-rule";
/** Annotation of a SHOULD breach: the test passes, the report shows it. */
export const WARNING_ANNOTATION = "assay:warning";

/** What {@link judgeRule} decided. */
export type RuleVerdict = { rule: string; level: ProtocolRule["level"]; held: boolean; warning?: string };

/**
 * Judges one rule on its check's breaches: annotates the running test with the rule, then a MUST
 * breach throws (the test fails, naming the rule, its citation and every breach) and a SHOULD
 * breach becomes an `assay:warning` annotation and is returned, the test going on.
 *
 * @example
 * judgeRule(PROTOCOL_RULES["origin-403"], checkStatus(exchange, 403));
 */
export function judgeRule(rule: ProtocolRule, breaches: readonly string[]): RuleVerdict {
  annotate(RULE_ANNOTATION, `${rule.level} ${rule.id}: ${rule.text} (${rule.cite})`);
  if (breaches.length === 0) return { rule: rule.id, level: rule.level, held: true };
  const detail = `${rule.level} ${rule.id} broken: ${rule.text}.\n  ${breaches.join("\n  ")}\n  Spec: ${rule.cite}`;
  if (rule.level === "MUST") throw new Error(`[assay/mcp] ${detail}`);
  annotate(WARNING_ANNOTATION, detail);
  return { rule: rule.id, level: rule.level, held: false, warning: detail };
}

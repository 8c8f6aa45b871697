/**
 * The error thrown for an id the registry does not hold, listing the closest known ids so a
 * typo is a one-glance fix.
 *
 * @example
 * throw unknownContractError("http/helth.v1", registry.ids());
 */
export function unknownContractError(id: unknown, known: readonly string[]): Error {
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

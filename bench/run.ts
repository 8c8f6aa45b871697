/**
 * Runs every benchmark one after another (never in parallel: they would measure each other)
 * and exits non-zero when any misses its target.
 */
import { spawnSync } from "node:child_process";

const benches = ["contracts.bench.ts", "ws.bench.ts", "gate.bench.ts"];
let failed = 0;
for (const bench of benches) {
  const result = spawnSync(process.execPath, [bench], { cwd: import.meta.dirname, stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`bench: ${failed} of ${benches.length} benchmarks missed their target`);
  process.exit(1);
}

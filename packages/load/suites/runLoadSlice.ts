import { mintedTokensFile, recordMintedToken, runTag, type Target } from "@assay/fixtures";
import type { TestInfo } from "@playwright/test";
import {
  LOAD_PART_ATTACHMENT,
  type LoadPart,
  type LoadTarget,
  mergeLoadParts,
  renderLatencySvg,
  renderLoadTable,
  runLoad,
  type Scenario,
  scenarioDuration,
} from "../src/index.ts";

/**
 * Runs one worker's slice of a scenario from a Playwright test: users tagged with the test's run
 * tag, every minted token recorded for the secret scan, a timeout that fits the scenario, and the
 * part, its table and its latency chart attached to the report. `attach: false` keeps a fault
 * proof's deliberately broken part out of the merged result.
 *
 * @example
 * const part = await runLoadSlice({ target, scenario, slice: { index: 1, count: 2 }, testInfo });
 */
export async function runLoadSlice(input: {
  target: Target;
  scenario: Scenario;
  slice?: { index: number; count: number };
  testInfo: TestInfo;
  attach?: boolean;
  service?: LoadTarget;
  restart?: () => Promise<void>;
}): Promise<LoadPart> {
  const { target, scenario, testInfo } = input;
  const [index, count] = target.shard.split("/").map(Number) as [number, number];
  testInfo.setTimeout(
    (scenarioDuration(scenario) + scenario.run_timeout_ms / 1000 + 120) * 1000 + scenario.users * 100,
  );
  const tokens = mintedTokensFile(target);
  const part = await runLoad({
    target: input.service ?? target,
    scenario,
    shard: { index, count },
    slice: input.slice,
    tagPrefix: runTag(target, testInfo.workerIndex, testInfo.testId),
    onToken: (token) => recordMintedToken(tokens, token),
    restart: input.restart,
  });
  const merged = mergeLoadParts([part]);
  const name = input.attach === false ? "fault-proof" : LOAD_PART_ATTACHMENT;
  await testInfo.attach(name, { body: JSON.stringify(part), contentType: "application/json" });
  await testInfo.attach("latency.svg", { body: renderLatencySvg(merged), contentType: "image/svg+xml" });
  await testInfo.attach("summary.txt", { body: renderLoadTable(merged), contentType: "text/plain" });
  return part;
}

import { recordFigures } from "@assay/chaos";
import { expect, test } from "@assay/test";
import { observabilityEnv, tlsMinDays } from "../../src/env.ts";
import { checkRedirect, checkTls, inspectTls } from "../../src/index.ts";

// The target's own https origin, against the system's CAs.
test("the certificate is valid for the host, does not expire within 14 days, and TLS is 1.2 or newer", async ({
  target,
}) => {
  const report = await inspectTls(target.baseURL);
  recordFigures("tls", { protocol: report.protocol, days_left: report.daysLeft });
  expect(checkTls(report, { minDays: tlsMinDays(observabilityEnv()) })).toEqual([]);
});

// Included only when ASSAY_HTTP_URL names the plain-HTTP origin (playwright.config.ts).
test("plain HTTP redirects to HTTPS, keeping the path", async ({ target }) => {
  expect(await checkRedirect(observabilityEnv().ASSAY_HTTP_URL ?? "", target.baseURL)).toEqual([]);
});

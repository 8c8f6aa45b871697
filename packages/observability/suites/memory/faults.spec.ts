import { expect, test } from "@assay/test";
import { checkRateLimit, probeRateLimit } from "../../src/index.ts";

test("rate_limit_global: the per-user check fails when one user's requests use up another's limit", async ({
  users,
  faults,
}) => {
  const [alice, bob] = [await users.create(), await users.create()];
  // The fault keys both users' requests to one shared bucket.
  await faults.enable(alice.id, "rate_limit_global");
  await faults.enable(bob.id, "rate_limit_global");
  const path = (id: string) => `/v1/conversations/${id}/memory`;
  const created = async (user: typeof alice) =>
    ((await (await user.api.post("/v1/conversations", { data: { title: "rl" } })).json()) as { id: string })
      .id;
  const [a, b] = [await created(alice), await created(bob)];
  const report = await probeRateLimit({
    first: alice.api,
    second: bob.api,
    path: path(a),
    secondPath: path(b),
    limit: 100,
  });
  expect(checkRateLimit(report, 100)).toContain(
    "another user's first request was refused (429) after the first user used up the limit: the limit is not per user",
  );
});

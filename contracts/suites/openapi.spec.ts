import { loadOpenApiContracts } from "@assay/contracts";
import { testSupportOpenApi } from "@assay/fixtures/openapi";
import { expect, test } from "@assay/test";

// A backend's own OpenAPI document as contracts: here the test-support API's, as a user would
// load theirs (loadOpenApiContracts("openapi.json")). Compiled once per worker.
const api = loadOpenApiContracts(testSupportOpenApi());

// Fails when a test-support response leaves its OpenAPI document, or an OpenAPI id is not checked.
test("the test-support API answers as its OpenAPI document says, checked by operation and status", async ({
  request,
  target,
}) => {
  const admin = { authorization: `Bearer ${target.adminToken}` };
  await expect(await request.get("/health")).toMatchContract("openapi:health#200", { registry: api });
  const tag = `${target.runId}:openapi`;
  const created = await request.post("/v1/test-support/users", { headers: admin, data: { tag } });
  expect(created.status()).toBe(201);
  await expect(created).toMatchContract("openapi:createTestUser#201", { registry: api });
  const { user } = await created.json();
  try {
    const listed = await request.get("/v1/test-support/users", {
      headers: admin,
      params: { tag_prefix: tag },
    });
    expect(listed.status()).toBe(200);
    await expect(listed).toMatchContract("openapi:listTaggedUsers#200", { registry: api });
    const token = await request.post(`/v1/test-support/users/${user.id}/tokens`, {
      headers: admin,
      data: { expires_in_seconds: 60 },
    });
    expect(token.status()).toBe(201);
    await expect(token).toMatchContract("openapi:createTestUserToken#201", { registry: api });
    const refused = await request.post("/v1/test-support/users", {
      headers: { authorization: `Bearer ${"0".repeat(64)}` },
      data: { tag },
    });
    expect(refused.status()).toBe(401);
    // 401 is a components.responses $ref in the document: the error envelope.
    await expect(refused).toMatchContract("openapi:createTestUser#401", { registry: api });
  } finally {
    expect((await request.delete(`/v1/test-support/users/${user.id}`, { headers: admin })).status()).toBe(
      204,
    );
  }
});

// Fails when a body outside the document passes: a real response checked against another
// operation's body, and a real body with a field gone, are both refused with the reason.
test("a real response that does not match the document fails, naming what is wrong", async ({ request }) => {
  const health = await request.get("/health");
  await expect(
    expect(health).toMatchContract("openapi:createTestUser#201", { registry: api }),
  ).rejects.toThrow(
    /Contract: openapi:createTestUser#201\n {2}\/ must have required property 'user'\n {2}\/ must have required property 'token'/,
  );
  const body = await health.json();
  delete body.status;
  expect(api.validate("openapi:health#200", body).errors).toContain("/ must have required property 'status'");
  expect(() => api.validator("openapi:deleteTestUser#204")).toThrow(
    "[assay/contracts] The response 204 of deleteTestUser (DELETE /v1/test-support/users/{id}) in the OpenAPI document has no JSON body schema (no content).",
  );
});

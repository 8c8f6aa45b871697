import { CLIENT_FAULT_NAMES, listClientFaults, setClientFault } from "../faults.ts";
import { idParam, requireTestUser } from "../handlers/caller.ts";
import { HttpError, notFound } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readFields } from "../http/readFields.ts";
import { findClient, setCodeTtl } from "./clientStore.ts";
import { hashSecret, newSecret } from "./secrets.ts";
import { insertSignInCode, SIGN_IN_CODE_TTL_SECONDS } from "./signInCodes.ts";

/**
 * `POST /v1/test-support/users/:id/sign-in-codes` → 201 `{code, expires_at}`: a one-time code with
 * which the test user signs in on the authorization server's sign-in page (ten minutes, once);
 * 403 `not_a_test_user` for any other user.
 */
export const createSignInCode: Handler = async (ctx) => {
  // Test users only (403 not_a_test_user): the admin token must never sign anyone in as a real user.
  const { id } = await requireTestUser(ctx, idParam(ctx, "user"));
  const code = newSecret();
  const expiresAt = new Date(Date.now() + SIGN_IN_CODE_TTL_SECONDS * 1000);
  await insertSignInCode(ctx.services.pool, id, hashSecret(code), expiresAt);
  return { status: 201, body: { code, expires_at: expiresAt.toISOString() } };
};

async function clientParam(ctx: Parameters<Handler>[0]): Promise<string> {
  const client = await findClient(ctx.services.pool, (ctx.params.id ?? "").toLowerCase());
  if (client === null) throw notFound("client");
  return client.client_id;
}

/**
 * `PUT /v1/test-support/oauth/clients/:id/faults` `{fault, enabled}` → 200 `{client_id, faults}`:
 * switches an OAuth fault on or off for one registered client (README, "OAuth faults").
 */
export const putClientFault: Handler = async (ctx) => {
  const clientId = await clientParam(ctx);
  const fields = readFields(ctx.body, {
    fault: { required: true, min: 1, max: 100 },
    enabled: { required: true, flag: true },
  });
  const fault = CLIENT_FAULT_NAMES.find((name) => name === fields.fault);
  if (fault === undefined)
    throw new HttpError(
      400,
      "validation_failed",
      `Field "fault" must be one of ${CLIENT_FAULT_NAMES.join(", ")}.`,
    );
  setClientFault(clientId, fault, fields.enabled === true);
  return { status: 200, body: { client_id: clientId, faults: listClientFaults(clientId) } };
};

/**
 * `PUT /v1/test-support/oauth/clients/:id/code-ttl` `{seconds}` → 200 `{client_id, code_ttl_seconds}`:
 * how long the client's next authorization codes live (1–600 s), so a test gets an expired code
 * without waiting minutes.
 */
export const putClientCodeTtl: Handler = async (ctx) => {
  const clientId = await clientParam(ctx);
  const fields = readFields(ctx.body, { seconds: { required: true, integer: { min: 1, max: 600 } } });
  const seconds = fields.seconds ?? 600;
  await setCodeTtl(ctx.services.pool, clientId, seconds);
  return { status: 200, body: { client_id: clientId, code_ttl_seconds: seconds } };
};

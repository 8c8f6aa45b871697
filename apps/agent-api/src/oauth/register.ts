import { randomUUID } from "node:crypto";
import { bearerToken } from "../auth/bearerToken.ts";
import { clearClientFaults } from "../faults.ts";
import { HttpError } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { readJsonBody } from "../http/readJsonBody.ts";
import { deleteClient, findClient, insertClient } from "./clientStore.ts";
import { logOauth } from "./logOauth.ts";
import { OAUTH_PATHS, requireOrigin } from "./metadata.ts";
import { OauthError, oauthErrorReply } from "./OauthError.ts";
import { readRegistration } from "./readRegistration.ts";
import { hashSecret, newSecret, secretMatches } from "./secrets.ts";

async function readBody(ctx: Parameters<Handler>[0]): Promise<unknown> {
  try {
    return await readJsonBody(ctx.req, 64 * 1024);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new OauthError(error.status === 413 ? 413 : 400, "invalid_client_metadata", error.message);
  }
}

/**
 * `POST /oauth/register` (RFC 7591): open dynamic registration. A secret is issued to clients that
 * authenticate with one; every client gets a registration access token and URI (RFC 7592) with
 * which it can delete itself — how the suites clean up the clients they register.
 */
export const registerClient: Handler = async (ctx) => {
  const { services } = ctx;
  try {
    const origin = requireOrigin(ctx);
    const registration = readRegistration(await readBody(ctx));
    const clientId = randomUUID();
    const secret = registration.token_endpoint_auth_method === "none" ? null : newSecret();
    const registrationToken = newSecret();
    const client = await insertClient(services.pool, {
      client_id: clientId,
      client_secret_hash: secret === null ? null : hashSecret(secret),
      registration_token_hash: hashSecret(registrationToken),
      ...registration,
    });
    logOauth(services, "register", {
      client_id: clientId,
      application_type: registration.application_type,
      token_endpoint_auth_method: registration.token_endpoint_auth_method,
      outcome: "registered",
    });
    return {
      status: 201,
      headers: { pragma: "no-cache" },
      body: {
        client_id: clientId,
        client_id_issued_at: Math.floor(client.created_at.getTime() / 1000),
        ...(secret === null ? {} : { client_secret: secret, client_secret_expires_at: 0 }),
        registration_access_token: registrationToken,
        registration_client_uri: `${origin}${OAUTH_PATHS.register}/${clientId}`,
        redirect_uris: registration.redirect_uris,
        application_type: registration.application_type,
        token_endpoint_auth_method: registration.token_endpoint_auth_method,
        grant_types: registration.grant_types,
        response_types: ["code"],
        ...(registration.client_name === null ? {} : { client_name: registration.client_name }),
        scope: registration.scope,
      },
    };
  } catch (error) {
    if (!(error instanceof OauthError)) throw error;
    logOauth(services, "register", { outcome: "refused", error: error.error });
    return oauthErrorReply(error);
  }
};

/**
 * `DELETE /oauth/register/:id` (RFC 7592 §2.3) with the registration access token as bearer:
 * 204, and the client's grants, codes and tokens go with it. Any other token, or a client that
 * does not exist, is the same 401 (RFC 7592 §2: nothing tells which).
 */
export const deleteRegisteredClient: Handler = async (ctx) => {
  const { services } = ctx;
  const presented = bearerToken(ctx.req.headers.authorization);
  const client = await findClient(services.pool, (ctx.params.id ?? "").toLowerCase());
  if (presented === null || client === null || !secretMatches(presented, client.registration_token_hash)) {
    const challenge = presented === null ? "Bearer" : 'Bearer error="invalid_token"';
    return oauthErrorReply(
      new OauthError(401, "invalid_token", "Send this client's registration access token.", {
        "www-authenticate": challenge,
      }),
    );
  }
  await deleteClient(services.pool, client.client_id);
  clearClientFaults(client.client_id);
  logOauth(services, "client_deleted", { client_id: client.client_id });
  return { status: 204 };
};

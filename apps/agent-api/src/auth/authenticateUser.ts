import { findUser } from "../db/userStore.ts";
import { HttpError } from "../http/HttpError.ts";
import type { User } from "../http/Route.ts";
import { isUuid } from "../http/readFields.ts";
import type { Services } from "../Services.ts";
import { bearerToken } from "./bearerToken.ts";
import { InvalidTokenError } from "./verifyToken.ts";

const REALM = 'Bearer realm="assay"';

/**
 * The 401 of the README: `error="invalid_token"` in `WWW-Authenticate` unless no token was sent.
 * @example throw unauthorized(true);
 */
export function unauthorized(tokenSent: boolean): HttpError {
  const challenge = tokenSent ? `${REALM}, error="invalid_token"` : REALM;
  const message = tokenSent
    ? "The bearer token is invalid or expired."
    : "Send Authorization: Bearer <token>.";
  return new HttpError(401, "unauthorized", message, { "www-authenticate": challenge });
}

/**
 * Verifies a bearer token and loads its user; the `sub` must be the UUID of an existing user.
 * Resolves the user and the token's `exp` (seconds); throws the 401 {@link HttpError} otherwise.
 * @example const { user, exp } = await authenticateToken(services, upgradeToken(req.headers));
 */
export async function authenticateToken(
  services: Services,
  token: string | null,
): Promise<{ user: User; exp: number }> {
  if (token === null) throw unauthorized(false);
  let claims: { sub: string; exp: number };
  try {
    claims = await services.verifyToken(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthorized(true);
    throw error;
  }
  const user = isUuid(claims.sub) ? await findUser(services.pool, claims.sub.toLowerCase()) : null;
  if (user === null) throw unauthorized(true);
  return { user, exp: claims.exp };
}

/**
 * {@link authenticateToken} on the `Authorization` header.
 * @example const user = await authenticateUser(services, req.headers.authorization);
 */
export async function authenticateUser(services: Services, header: string | undefined): Promise<User> {
  return (await authenticateToken(services, bearerToken(header))).user;
}

import type { Handler } from "../http/Route.ts";

/** `GET /.well-known/jwks.json` → the service's public keys (`{keys: []}` in HS256 mode). */
export const getJwks: Handler = async (ctx) => ({ status: 200, body: ctx.services.keys.jwks() });

import type { Handler } from "../http/Route.ts";
import { caller } from "./caller.ts";

/** `GET /v1/me` → the caller, as its token names it. */
export const getMe: Handler = async (ctx) => ({ status: 200, body: caller(ctx) });

/** `GET /.well-known/jwks.json` → the service's public keys (`{keys: []}` in HS256 mode). */
export const getJwks: Handler = async (ctx) => ({ status: 200, body: ctx.services.keys.jwks() });

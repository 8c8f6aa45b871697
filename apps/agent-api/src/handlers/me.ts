import type { Handler } from "../http/Route.ts";
import { caller } from "./caller.ts";

/** `GET /v1/me` → the caller. */
export const getMe: Handler = async (ctx) => ({ status: 200, body: caller(ctx) });

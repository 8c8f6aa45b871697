import type { Handler } from "../http/Route.ts";

/** `GET /v1/test-support/routes` → 200 `{items: [{method, pattern, auth}]}`, the route table itself. */
export const getRouteTable: Handler = async (ctx) => {
  const items = ctx.routes.map(({ method, pattern, auth }) => ({ method, pattern, auth }));
  return { status: 200, body: { items } };
};

import { readFile } from "node:fs/promises";
import { HttpError } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { contentType, resolveStaticPath } from "../static/resolveStaticPath.ts";

const NO_STORE = { "cache-control": "no-store" };

/** `GET /console/…` → a file of the web console, never cached. */
export const getConsoleFile: Handler = async (ctx) => {
  const file = resolveStaticPath(ctx.services.config.consoleDir, ctx.params["*"] ?? "");
  if (file === null) throw new HttpError(404, "not_found", "No such file.");
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch {
    throw new HttpError(404, "not_found", "No such file.");
  }
  return { status: 200, raw, headers: { ...NO_STORE, "content-type": contentType(file) } };
};

/** `GET /` and `GET /console` → redirect to `/console/`. */
export const redirectToConsole: Handler = async () => {
  return { status: 302, headers: { ...NO_STORE, location: "/console/" } };
};

import path from "node:path";

/**
 * Maps the rest of a `/console/…` URL path to a file under `root`, or null when it would leave
 * `root` (`..`, encoded or not), holds a NUL or a backslash, or does not decode.
 * @example resolveStaticPath("/srv/console", "app.js") // "/srv/console/app.js"
 */
export function resolveStaticPath(root: string, rest: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const relative = decoded === "" || decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.sep}${relative}`);
  return file.startsWith(base + path.sep) ? file : null;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The `Content-Type` for a file name.
 * @example contentType("app.js") // "text/javascript; charset=utf-8"
 */
export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

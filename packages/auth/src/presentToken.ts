import { randomBytes } from "node:crypto";
import { request } from "node:http";

/** What the target answered when a token was presented on one surface. */
export interface AttackAttempt {
  variant: string;
  /** `rest`, `ws-upgrade` or `ws-subprotocol`. */
  surface: "rest" | "ws-upgrade" | "ws-subprotocol";
  /** HTTP status; 101 when a WebSocket upgrade went through; 0 when nothing came back. */
  status: number;
  /** True when the target treated the token as valid (2xx, or 101 on an upgrade). */
  accepted: boolean;
  wwwAuthenticate: string | undefined;
  body: string;
}

/**
 * Presents `token` as `Authorization: Bearer` on `GET <path>` (default `/v1/me`).
 *
 * @example
 * const attempt = await presentOnRest("http://127.0.0.1:4310", "alg-none", token);
 */
export function presentOnRest(
  baseURL: string,
  variant: string,
  token: string,
  path = "/v1/me",
): Promise<AttackAttempt> {
  return send(variant, "rest", new URL(path, baseURL), { authorization: `Bearer ${token}` });
}

/**
 * Presents `token` on a WebSocket upgrade, as a header or (the browser form) as the
 * `bearer.<token>` subprotocol. An upgrade that goes through is closed at once and counts as
 * accepted.
 *
 * @example
 * const attempt = await presentOnUpgrade("ws://127.0.0.1:4310/v1/ws", "alg-none", token, "header");
 */
export function presentOnUpgrade(
  wsURL: string,
  variant: string,
  token: string,
  form: "header" | "subprotocol",
): Promise<AttackAttempt> {
  const url = new URL(wsURL.replace(/^ws/, "http"));
  const headers: Record<string, string> = {
    connection: "Upgrade",
    upgrade: "websocket",
    "sec-websocket-version": "13",
    "sec-websocket-key": randomBytes(16).toString("base64"),
    ...(form === "header"
      ? { authorization: `Bearer ${token}` }
      : { "sec-websocket-protocol": `assay.v1, bearer.${token}` }),
  };
  return send(variant, form === "header" ? "ws-upgrade" : "ws-subprotocol", url, headers);
}

function send(
  variant: string,
  surface: AttackAttempt["surface"],
  url: URL,
  headers: Record<string, string>,
): Promise<AttackAttempt> {
  return new Promise((resolve) => {
    const attempt = (status: number, wwwAuthenticate: string | undefined, body: string): AttackAttempt => ({
      variant,
      surface,
      status,
      accepted: status === 101 || (status >= 200 && status < 300),
      wwwAuthenticate,
      body,
    });
    const req = request(url, { method: "GET", headers, timeout: 5000 });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(attempt(101, undefined, ""));
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (body.length < 65_536) body += chunk;
      });
      res.on("end", () =>
        resolve(attempt(res.statusCode ?? 0, headerOf(res.headers["www-authenticate"]), body)),
      );
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(attempt(0, undefined, "")));
    req.end();
  });
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A listener standing in for an attacker's key server; a target must never call it. */
export interface KeyServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests received so far (method and path). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP listener that serves `body` (the attacker's JWKS) on every path and
 * counts the requests it gets: `jku` and `x5u` point here, and a target that fetches keys from a
 * token's header shows up as a request.
 *
 * @example
 * const keys = await startKeyServer(JSON.stringify({ keys: [attackerJwk] }));
 * // … present the jku variant …
 * expect(keys.requests).toEqual([]);
 * await keys.close();
 */
export async function startKeyServer(body = '{"keys":[]}'): Promise<KeyServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader("content-type", "application/json");
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One challenge of a `WWW-Authenticate` header: its scheme and parameters (names lowercased). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAM = new RegExp(`^\\s*(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}))\\s*(?:,|$)`);
const SCHEME = new RegExp(`^\\s*,?\\s*(${TOKEN})(?:\\s+|$)`);

/**
 * Parses a `WWW-Authenticate` header (RFC 9110 §11.6.1): one or more challenges, each a scheme
 * and `name=value` parameters, values as tokens or quoted strings (with `\"` escapes). Enough
 * for RFC 6750 / RFC 9728 challenges (`Bearer resource_metadata="…", scope="…"`); a token68
 * challenge keeps its scheme with no parameters.
 *
 * @example
 * parseWwwAuthenticate('Bearer realm="x", resource_metadata="https://a/.well-known/oauth-protected-resource"')
 * // [{ scheme: "bearer", params: { realm: "x", resource_metadata: "https://a/…" } }]
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header;
  while (rest.trim() !== "") {
    const scheme = SCHEME.exec(rest);
    if (scheme === null || scheme[1] === undefined) break;
    const challenge: Challenge = { scheme: scheme[1].toLowerCase(), params: {} };
    challenges.push(challenge);
    rest = rest.slice(scheme[0].length);
    for (;;) {
      const param = PARAM.exec(rest);
      if (param === null || param[1] === undefined) break;
      const quoted = param[2];
      challenge.params[param[1].toLowerCase()] =
        quoted === undefined ? (param[3] ?? "") : quoted.replace(/\\(.)/g, "$1");
      rest = rest.slice(param[0].length);
    }
    // A token68 (Basic's credentials) or anything unparsable: skip to the next comma.
    if (rest.trim() !== "" && !SCHEME.test(rest)) rest = rest.replace(/^[^,]*,?/, "");
  }
  return challenges;
}

/**
 * The first Bearer challenge of a header, or undefined.
 * @example bearerChallenge(response.headers.get("www-authenticate"))?.params.resource_metadata
 */
export function bearerChallenge(header: string | null | undefined): Challenge | undefined {
  if (header === null || header === undefined) return undefined;
  return parseWwwAuthenticate(header).find((challenge) => challenge.scheme === "bearer");
}

/**
 * Asks the plain-HTTP origin for a path (without following redirects) and checks it answers
 * 301, 302, 307 or 308 to the same path on the HTTPS origin. One line per problem.
 * @example expect(await checkRedirect("http://example.com", "https://example.com")).toEqual([]);
 */
export async function checkRedirect(
  httpOrigin: string,
  httpsOrigin: string,
  path = "/v1/me?probe=1",
): Promise<string[]> {
  if (!httpOrigin.startsWith("http://"))
    return [`no plain-HTTP origin to check (got ${JSON.stringify(httpOrigin)})`];
  let response: Response;
  try {
    response = await fetch(`${httpOrigin}${path}`, {
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    return [`${httpOrigin} did not answer: ${(error as Error).message}`];
  }
  await response.body?.cancel();
  if (![301, 302, 307, 308].includes(response.status))
    return [`GET ${httpOrigin}${path} answered HTTP ${response.status}, not a redirect to HTTPS`];
  const location = response.headers.get("location") ?? "";
  const target = new URL(location, httpOrigin);
  const expected = new URL(path, httpsOrigin);
  if (target.protocol !== "https:") return [`the redirect goes to ${target.protocol}, not https:`];
  if (target.host !== expected.host || `${target.pathname}${target.search}` !== path)
    return [`the redirect goes to ${target.href}, expected ${expected.href}`];
  return [];
}

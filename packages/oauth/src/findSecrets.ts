/** A JWT-shaped string: three base64url segments, the first a JSON header (`eyJ…`). */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

/**
 * What of a run's secrets appears in a text (a service's log output): how many of them, and
 * whether any JWT-shaped string does at all. Never returns the secrets themselves, so the result
 * can be printed.
 *
 * @example
 * const { found, jwt } = findSecrets(instance.output(), session.secrets); // { found: 0, jwt: false }
 */
export function findSecrets(text: string, secrets: readonly string[]): { found: number; jwt: boolean } {
  return {
    found: secrets.filter((secret) => secret !== "" && text.includes(secret)).length,
    jwt: JWT.test(text),
  };
}

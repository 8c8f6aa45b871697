import selfsigned from "selfsigned";

/** A certificate and its private key, in PEM. */
export type KeyPair = { cert: string; key: string };

const DAY_MS = 86_400_000;

/**
 * A self-signed certificate for `localhost` and `127.0.0.1` (an EC P-256 key), valid from an hour
 * ago for `days` days; a negative `days` makes one that has already expired (the
 * `expired_certificate` fault serves it).
 * @example const { cert, key } = await selfSignedCertificate(30);
 */
export async function selfSignedCertificate(days: number): Promise<KeyPair> {
  const now = Date.now();
  const notAfter = new Date(now + days * DAY_MS);
  const notBefore = new Date(Math.min(now - 3_600_000, notAfter.getTime() - 30 * DAY_MS));
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

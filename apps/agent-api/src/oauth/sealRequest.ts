import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Config } from "../env.ts";
import type { ChallengeMethod } from "./pkce.ts";

/** A checked authorization request, carried by the sign-in and consent forms until a code is issued. */
export type PendingAuthorization = {
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  method: ChallengeMethod;
  resource: string;
  scope: string;
  /** Set once the user signed in: the consent form then acts as that user. */
  userId?: string;
  /** Epoch milliseconds after which the form is refused. */
  expiresAt: number;
};

/** How long a user may take from the authorization request to the consent: ten minutes. */
export const PENDING_TTL_MS = 10 * 60 * 1000;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens pending authorizations. */
export type RequestSealer = {
  seal: (pending: PendingAuthorization) => string;
  /** The pending authorization, or null when tampered with, foreign or expired. */
  open: (sealed: string) => PendingAuthorization | null;
};

/**
 * The forms carry the checked request sealed (AES-256-GCM under a key derived from the signing
 * secret), so nothing is stored before a code is issued and no field can be changed between
 * the request and the consent: the user id is only ever put in by a successful sign-in.
 * Instances sharing the secret open each other's forms; a generated RS256 key gives per-process ones.
 * @example const sealer = createRequestSealer(config); sealer.open(sealer.seal(pending))
 */
export function createRequestSealer(config: Config): RequestSealer {
  const secret = config.jwtSecret || config.jwtPrivateKey;
  const key =
    secret === undefined || secret === ""
      ? randomBytes(32)
      : createHash("sha256").update("assay:oauth:pending-authorization:v1\0").update(secret).digest();
  return {
    seal(pending) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(pending)), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(sealed) {
      if (sealed.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
      const bytes = Buffer.from(sealed, "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES + 2) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const text = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
        const pending = JSON.parse(text) as PendingAuthorization;
        return pending.expiresAt > Date.now() ? pending : null;
      } catch {
        return null;
      }
    },
  };
}

import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The secrets `pnpm dev` runs the reference backend with; development only. */
export type DevSecrets = { ASSAY_JWT_SECRET: string; ASSAY_ADMIN_TOKEN: string };

/** What the file says about itself, so nobody mistakes it for a staging or production secret. */
export const DEV_SECRETS_WARNING =
  "Development-only secrets for `pnpm dev` on this machine (generated, git-ignored, mode 0600). " +
  "Never use them in staging or production.";

/**
 * Reads the development secrets from `file`, or generates them there on first use: the file is
 * created readable by its owner only (0600, in a 0700 folder) and labelled as development-only.
 * A file that became readable by others is tightened back to 0600 (`tightened: true`).
 *
 * @example
 * const { secrets, created } = loadDevSecrets(".assay/dev-secrets.json");
 */
export function loadDevSecrets(file: string): { secrets: DevSecrets; created: boolean; tightened: boolean } {
  let text: string | undefined;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (text === undefined) {
    const secrets: DevSecrets = {
      ASSAY_JWT_SECRET: randomBytes(32).toString("hex"),
      ASSAY_ADMIN_TOKEN: randomBytes(32).toString("hex"),
    };
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // `wx`: never overwrite a file that appeared meanwhile; mode applies at creation, before any byte.
    writeFileSync(file, `${JSON.stringify({ warning: DEV_SECRETS_WARNING, ...secrets }, null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
    return { secrets, created: true, tightened: false };
  }
  const tightened = (statSync(file).mode & 0o077) !== 0;
  if (tightened) chmodSync(file, 0o600);
  const parsed = parseSecrets(text);
  if (parsed === null) {
    throw new Error(
      `[assay/dev] ${file} is not a development secrets file (need ASSAY_JWT_SECRET and ASSAY_ADMIN_TOKEN of 32+ chars); delete it and run pnpm dev again to generate a new one.`,
    );
  }
  return { secrets: parsed, created: false, tightened };
}

function parseSecrets(text: string): DevSecrets | null {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const jwt = data.ASSAY_JWT_SECRET;
    const admin = data.ASSAY_ADMIN_TOKEN;
    if (typeof jwt === "string" && typeof admin === "string" && jwt.length >= 32 && admin.length >= 32)
      return { ASSAY_JWT_SECRET: jwt, ASSAY_ADMIN_TOKEN: admin };
  } catch {
    // reported by the caller, with what to do
  }
  return null;
}

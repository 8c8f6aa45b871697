import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Config } from "../env.ts";
import { isUuid } from "../http/readFields.ts";

const PREFIX = "ph1_";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// 12 + 16 + 16 = 44 bytes: 59 base64url characters after the prefix, as the tools' schema says.

/** Mints and opens `project_handle`s: opaque, tamper-proof, and bound to one user. */
export type ProjectHandles = {
  mint: (userId: string, projectId: string) => string;
  /** The project id inside a handle minted for this user, or null (tampered, foreign, garbage). */
  open: (userId: string, handle: string) => string | null;
};

/**
 * The key behind the handles: derived from the service's signing secret, so every instance
 * sharing it opens every other instance's handles; a fresh one when there is no secret to share
 * (RS256 with a key generated at start: its tokens die with the process too).
 */
function handleKey(config: Config): Buffer {
  const secret = config.jwtSecret || config.jwtPrivateKey;
  if (secret === undefined || secret === "") return randomBytes(32);
  return createHash("sha256").update("assay:mcp:project-handle:v1\0").update(secret).digest();
}

/**
 * The stateless era's project handles (the 2026-07-28 tools page: state lives in a handle the
 * model passes back). AES-256-GCM over the project id with the user id as additional data:
 * the handle reveals nothing, any changed byte fails the tag, and another user's id fails it too,
 * so user B holding user A's handle gets an error, never A's project.
 * @example const handles = createProjectHandles(config); handles.open(user.id, handles.mint(user.id, projectId))
 */
export function createProjectHandles(config: Config): ProjectHandles {
  const key = handleKey(config);
  const aad = (userId: string) => Buffer.from(`user:${userId.toLowerCase()}`);
  return {
    mint(userId, projectId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(aad(userId));
      const uuid = Buffer.from(projectId.replaceAll("-", ""), "hex");
      const sealed = Buffer.concat([iv, cipher.update(uuid), cipher.final(), cipher.getAuthTag()]);
      return PREFIX + sealed.toString("base64url");
    },
    open(userId, handle) {
      if (!handle.startsWith(PREFIX) || handle.length > 100) return null;
      const sealed = Buffer.from(handle.slice(PREFIX.length), "base64url");
      if (sealed.length !== IV_BYTES + 16 + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
        decipher.setAAD(aad(userId));
        decipher.setAuthTag(sealed.subarray(IV_BYTES + 16));
        const hex = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, IV_BYTES + 16)),
          decipher.final(),
        ]).toString("hex");
        const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        return isUuid(id) ? id : null;
      } catch {
        return null;
      }
    },
  };
}

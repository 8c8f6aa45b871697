import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnv } from "../env.ts";
import { createRequestSealer, type PendingAuthorization } from "./sealRequest.ts";

const config = parseEnv({ ASSAY_JWT_SECRET: "s".repeat(32) });
const pending: PendingAuthorization = {
  clientId: "c",
  redirectUri: "https://app.example/cb",
  state: "st",
  challenge: "x".repeat(43),
  method: "S256",
  resource: "http://h/mcp",
  scope: "mcp",
  expiresAt: Date.now() + 60_000,
};

test("a sealed request opens as it was, in any instance with the same secret", () => {
  const sealed = createRequestSealer(config).seal(pending);
  assert.deepEqual(createRequestSealer(config).open(sealed), pending);
  assert.equal(sealed.includes("app.example"), false, "the form shows nothing of what it carries");
});

test("tampered, foreign, expired and garbage forms do not open", () => {
  const sealer = createRequestSealer(config);
  const sealed = sealer.seal(pending);
  const flipped = `${sealed.slice(0, 20)}${sealed[20] === "A" ? "B" : "A"}${sealed.slice(21)}`;
  assert.equal(sealer.open(flipped), null);
  assert.equal(createRequestSealer(parseEnv({ ASSAY_JWT_SECRET: "t".repeat(32) })).open(sealed), null);
  assert.equal(sealer.open(sealer.seal({ ...pending, expiresAt: Date.now() - 1 })), null);
  assert.equal(sealer.open("not sealed!"), null);
  assert.equal(sealer.open(""), null);
});

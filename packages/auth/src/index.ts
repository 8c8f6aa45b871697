export {
  type AttackCatalogInput,
  type AttackVariant,
  buildAttackCatalog,
  type Jwk,
  MIN_VARIANTS,
} from "./attackCatalog.ts";
export { base64url, decodeSegment, encodeJwt, type JwtSigner, signature } from "./encodeJwt.ts";
export { assertAttacksRefused, judgeAttempt } from "./judgeAttempt.ts";
export { type MintTokenOptions, mintToken } from "./mintToken.ts";
export { type AttackAttempt, presentOnRest, presentOnUpgrade } from "./presentToken.ts";
export { type KeyServer, startKeyServer } from "./startKeyServer.ts";

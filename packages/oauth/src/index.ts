export { type AuthorizationParams, authorizationParams, authorizationUrl } from "./authorizationUrl.ts";
export { callMcp, type McpCall } from "./callMcp.ts";
export { checkDocument, type OauthContract } from "./checkDocument.ts";
export { checkRestartRedeem } from "./checkRestartRedeem.ts";
export { createOauthSession, type OauthSession, type OauthUser } from "./createOauthSession.ts";
export {
  type ClientFault,
  createOauthTestSupport,
  type OauthTestSupport,
  type SupportUser,
} from "./createOauthTestSupport.ts";
export { createPkce, type Pkce, s256 } from "./createPkce.ts";
export {
  type AuthorizationServerMetadata,
  type Discovery,
  discoverOauth,
  type ProtectedResourceMetadata,
} from "./discoverOauth.ts";
export { findSecrets } from "./findSecrets.ts";
export { type Exchange, type HttpAnswer, httpExchange } from "./httpExchange.ts";
export type { CaseOutcome, MatrixContext, MatrixRow, NegativeCase } from "./matrix/MatrixContext.ts";
export { goodCode } from "./matrix/matrixSteps.ts";
export { NEGATIVE_CASES } from "./matrix/negativeCases.ts";
export { assertMatrix, formatMatrix, runNegativeMatrix } from "./matrix/runNegativeMatrix.ts";
export { type FlowStep, OauthFlowError } from "./OauthFlowError.ts";
export { expect, type OauthInstance, type OauthInstances, oauthTest } from "./oauthTest.ts";
export { type HtmlForm, parseForms } from "./parseForms.ts";
export { bearerChallenge, type Challenge, parseWwwAuthenticate } from "./parseWwwAuthenticate.ts";
export { type AuthorizationResponse, readAuthorizationResponse } from "./readAuthorizationResponse.ts";
export { FLOW_ANNOTATION, recordFlowTime } from "./recordFlowTime.ts";
export {
  type ClientAuthMethod,
  deleteClient,
  type OauthClient,
  type RegistrationOptions,
  registerClient,
} from "./registerClient.ts";
export { obtainTokens, requestToken, type TokenOutcome, type TokenResponse } from "./requestToken.ts";
export {
  DEFAULT_REDIRECT_URI,
  OauthConfigError,
  type OauthTarget,
  resolveOauthTarget,
} from "./resolveOauthTarget.ts";
export { type FlowOptions, type FlowResult, runOauthFlow, type SignIn } from "./runOauthFlow.ts";
export { type HeadlessSignIn, type SignInPage, signInHeadless } from "./signInHeadless.ts";
export { type BrowserSignInPage, signInWithBrowser } from "./signInWithBrowser.ts";
export { type ServiceInstance, startServiceInstance } from "./startServiceInstance.ts";
export { authorizationServerMetadataUrls, protectedResourceMetadataUrls } from "./wellKnownUrls.ts";

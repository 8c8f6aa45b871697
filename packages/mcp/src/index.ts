export {
  createMcpClient,
  type HeaderOverrides,
  type McpAnswer,
  type McpClient,
  type McpClientOptions,
  type McpResponse,
  type RequestOptions,
  type SendOptions,
} from "./client/createMcpClient.ts";
export { createSseParser, type SseEvent, type SseParser } from "./client/createSseParser.ts";
export { detectEra, type EraOutcome } from "./client/detectEra.ts";
export { encodeHeaderValue } from "./client/encodeHeaderValue.ts";
export type { McpExchange } from "./client/McpExchange.ts";
export type { McpTool } from "./client/McpTool.ts";
export { mediaType, sendHttp } from "./client/sendHttp.ts";
export { type ParamHeaders, paramHeaderValues, readParamHeaders } from "./client/toolParamHeaders.ts";
export { closeMcpClients, type OpenedClient } from "./closeMcpClients.ts";
export { type McpEnv, readMcpEnv } from "./env.ts";
export { type CompiledToolSchema, compileToolSchema } from "./matchers/compileToolSchema.ts";
export { countTokens, encoder, type TokenEncoding } from "./matchers/countTokens.ts";
export { type ToBeToolResultOptions, toBeToolResult } from "./matchers/toBeToolResult.ts";
export {
  biggestParts,
  type ToFitTokenBudgetOptions,
  type TokenPart,
  toFitTokenBudget,
} from "./matchers/toFitTokenBudget.ts";
export { toMatchOutputSchema } from "./matchers/toMatchOutputSchema.ts";
export {
  type ConnectMcpOptions,
  type McpConnector,
  type McpMatchers,
  mcpExpect,
  mcpTest,
} from "./mcpTest.ts";
export { judgeRule, RULE_ANNOTATION, type RuleVerdict, WARNING_ANNOTATION } from "./protocol/judgeRule.ts";
export { type MessageContract, type MessageKind, messageContracts } from "./protocol/messageContracts.ts";
export {
  checkDiscover,
  checkErrorCodes,
  checkGetStream,
  checkIdsEchoed,
  checkNotificationAccepted,
  checkResultTypes,
  checkRpcError,
  checkServerInfo,
  checkSessionId,
  checkStatus,
  checkToolsListStable,
  checkUnsupportedVersion,
  checkVersionNegotiation,
} from "./protocol/protocolChecks.ts";
export { PROTOCOL_RULES, type ProtocolRule, type ProtocolRuleId } from "./protocol/protocolRules.ts";
export {
  eraOf,
  isRevision,
  LATEST_SESSION_REVISION,
  type McpEra,
  type McpRevision,
  REVISIONS,
  SESSION_REVISIONS,
  STATELESS_REVISION,
} from "./protocol/revisions.ts";
export {
  type Direction,
  messageKind,
  type ValidateMessageOptions,
  validateMessage,
} from "./protocol/validateMessage.ts";

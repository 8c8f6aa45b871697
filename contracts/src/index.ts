export { annotate } from "./annotate.ts";
export { checkLogLines, type LogCheck } from "./checkLogLines.ts";
export { contracts } from "./contracts.ts";
export type { ContractRegistry } from "./createRegistry.ts";
export { eventContractId } from "./createRegistry.ts";
export { formatErrors } from "./formatErrors.ts";
export { describeValue, formatFailure, formatReceived, matcherResult } from "./formatFailure.ts";
export { recordContractUse } from "./recordContractUse.ts";
export { toMatchContract } from "./toMatchContract.ts";

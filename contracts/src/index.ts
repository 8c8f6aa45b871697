export { annotate } from "./annotate.ts";
export { contracts } from "./contracts.ts";
export { eventContractId } from "./createRegistry.ts";
export { describeValue, formatReceived, matcherResult } from "./formatFailure.ts";
export { recordContractUse } from "./recordContractUse.ts";
export { toMatchContract } from "./toMatchContract.ts";

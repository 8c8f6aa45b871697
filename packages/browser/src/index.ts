export { ConsolePage } from "./ConsolePage.ts";

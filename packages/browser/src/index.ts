export { ConsolePage } from "./ConsolePage.ts";
export { chromiumLaunchOptions } from "./chromiumLaunchOptions.ts";

import pino from "pino";
import { ConfigError, loadConfig } from "./env.ts";
import { createLogger, describeError } from "./log.ts";
import { startService } from "./startService.ts";

const SHUTDOWN_DEADLINE_MS = 10_000;

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

// With ASSAY_SERVICE_LOG the lines go to that file (appended), so a test run can read them.
const log = createLogger(
  config.logLevel,
  config.logFile === undefined
    ? pino.destination(1)
    : pino.destination({ dest: config.logFile, append: true, mkdir: true, sync: true }),
);
process.on("unhandledRejection", (reason) => log.error("unhandled_rejection", describeError(reason)));

try {
  const service = await startService(config, log);
  const shutdown = (signal: string) => {
    log.info("shutting_down", { signal });
    setTimeout(() => {
      log.error("shutdown_timeout", { after_ms: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    service.stop().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error("shutdown_failed", describeError(error));
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
} catch (error) {
  log.error("start_failed", describeError(error));
  process.exit(1);
}

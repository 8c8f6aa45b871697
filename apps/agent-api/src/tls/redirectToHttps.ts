import type { IncomingMessage, ServerResponse } from "node:http";
import { correlationId } from "../http/correlationId.ts";
import { logContext } from "../logContext.ts";
import type { Services } from "../Services.ts";

// Operators' endpoints stay on plain HTTP: a load balancer probes /health there.
const STAY = new Set(["/health", "/metrics"]);

/**
 * With `ASSAY_HTTPS_REDIRECT=1`, plain HTTP answers 308 to the same path on the HTTPS listener
 * (method and body kept), except `/health` and `/metrics`, which `next` answers.
 * @example http.createServer(redirectToHttps(services, 4443, handler))
 */
export function redirectToHttps(
  services: Services,
  httpsPort: number,
  next: (req: IncomingMessage, res: ServerResponse) => unknown,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? "/";
    if (STAY.has(url.split("?")[0] ?? "")) {
      void next(req, res);
      return;
    }
    const host = (req.headers.host ?? services.config.host).replace(/:\d+$/, "");
    const started = performance.now();
    const id = correlationId(req.headers["x-correlation-id"]);
    res
      .writeHead(308, {
        location: `https://${host}:${httpsPort}${url}`,
        "content-length": "0",
        "x-correlation-id": id,
      })
      .end();
    logContext.run({ correlationId: id }, () =>
      services.log.info("request", {
        method: req.method ?? "GET",
        route: "https_redirect",
        status: 308,
        elapsed_ms: Math.round((performance.now() - started) * 100) / 100,
        user: null,
        project: null,
      }),
    );
  };
}

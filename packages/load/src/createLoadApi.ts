import { contracts, recordContractUse } from "@assay/contracts";
import type { LatencyRecorder } from "./createLatencyRecorder.ts";
import type { ProblemLog } from "./createProblemLog.ts";
import { wallNow } from "./openLoadSocket.ts";

/** @example const call: ApiCall = { method: "GET", path: "/health", route: "/health", status: 200, contract: "http/health.v1" }; */
export type ApiCall = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** The route pattern the latency is recorded under, e.g. `/v1/conversations/:id/messages`. */
  route: string;
  status: number;
  contract?: string;
  body?: unknown;
  headers?: Record<string, string>;
};

/** An HTTP error the flow cannot go on from; already counted in the problem log. */
export class LoadHttpError extends Error {
  override name = "LoadHttpError";
  /** True when nothing answered (refused, reset): what a restart looks like. */
  readonly unreachable: boolean;
  constructor(message: string, unreachable: boolean) {
    super(message);
    this.unreachable = unreachable;
  }
}

/**
 * A load user's HTTP client: times every call under `http <METHOD> <route>`, checks the status
 * and the body's contract, and counts what is wrong as an `http` or `contract` problem.
 *
 * @example
 * const api = createLoadApi({ baseURL, token, user: "user 1", latency, problems });
 * const health = await api.call({ method: "GET", path: "/health", route: "/health", status: 200, contract: "http/health.v1" });
 */
export function createLoadApi(options: {
  baseURL: string;
  token: string;
  user: string;
  latency: LatencyRecorder;
  problems: ProblemLog;
  timeoutMs?: number;
  /** Tells whether failures to connect are expected right now (the crash scenario's restart). */
  outage?: () => boolean;
}) {
  const { baseURL, user, latency, problems } = options;
  const authorization = `Bearer ${options.token}`;
  return {
    async call<T = Record<string, unknown>>(call: ApiCall): Promise<T> {
      const what = `${call.method} ${call.route}`;
      const started = wallNow();
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${baseURL}${call.path}`, {
          method: call.method,
          headers: {
            authorization,
            ...(call.body === undefined ? {} : { "content-type": "application/json" }),
            ...call.headers,
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        text = await response.text();
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        const message = `${what}: no answer (${cause})`;
        if (!options.outage?.()) problems.add("http", user, message);
        throw new LoadHttpError(message, true);
      }
      latency.record(`http ${what}`, wallNow() - started);
      if (response.status !== call.status) {
        let code = "no error code";
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
        } catch {
          code = "non-JSON body";
        }
        const message = `${what}: HTTP ${response.status} (${code}), expected ${call.status}`;
        problems.add("http", user, message);
        throw new LoadHttpError(message, false);
      }
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        problems.add("contract", user, `${what}: the body is not JSON`);
        throw new LoadHttpError(`${what}: the body is not JSON`, false);
      }
      if (call.contract) {
        recordContractUse(call.contract);
        const { errors } = contracts.validate(call.contract, body);
        for (const error of errors) problems.add("contract", user, `${what} (${call.contract}): ${error}`);
      }
      return body as T;
    },
  };
}

/** @example const api: LoadApi = createLoadApi({ baseURL, token, user, latency, problems }); */
export type LoadApi = ReturnType<typeof createLoadApi>;

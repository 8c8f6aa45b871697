import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import { createFrameRecorder } from "./createFrameRecorder.ts";
import type { Frame } from "./Frame.ts";
import type { FrameMatch } from "./matchFrame.ts";
import { measureRunLatency, type RunLatency } from "./measureRunLatency.ts";

/**
 * The clock of every frame timestamp (performance.now()). Stamp the moment you post a message
 * with it, then pass the stamp to `client.latency(runId, sentAt)`.
 *
 * @example
 * const sentAt = now();
 */
export const now = (): number => performance.now();

/** @example const opts: WsClientOptions = { url: "ws://127.0.0.1:4310/v1/ws", token }; */
export type WsClientOptions = {
  url: string;
  /** The JWT. `""` sends no credentials (to test a missing token). */
  token: string;
  /** `header` (default): `Authorization: Bearer`; `subprotocol`: `["assay.v1", "bearer.<token>"]`, as browsers do. */
  auth?: "header" | "subprotocol";
  protocols?: string[];
  headers?: Record<string, string>;
  /** Upgrade timeout; also the default timeout of `sessionReady`. Default 5000. */
  connectTimeoutMs?: number;
};

/** @example const { code, reason }: CloseInfo = await client.closed; */
export type CloseInfo = { code: number; reason: string };

/**
 * A connected test client: the socket plus the recorder of every frame it received.
 *
 * @example
 * const client = await createWsClient({ url, token });
 * await client.sessionReady;
 * const done = await client.waitFor({ type: "agent_completed", run_id: runId }, { timeout: 10_000 });
 */
export type WsClient = {
  readonly socket: WebSocket;
  /** Every frame received, in order. */
  readonly frames: readonly Frame[];
  /** {@link now} at the moment the socket opened: frame `at` values count from here. */
  readonly connectedAt: number;
  /** Sends `message` as JSON. */
  send(message: unknown): void;
  /** Sends text as is (for invalid-JSON and size tests). */
  sendRaw(text: string | Buffer): void;
  waitFor(match: FrameMatch, options?: { timeout?: number }): Promise<Frame>;
  runEvents(runId: string): Frame[];
  latency(runId: string, sentAt?: number): RunLatency;
  close(code?: number, reason?: string): Promise<CloseInfo>;
  readonly closed: Promise<CloseInfo>;
  readonly sessionReady: Promise<Frame>;
};

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      if (body.length < 65_536) body += chunk;
    });
    res.on("end", () => resolve(body));
    res.on("error", () => resolve(body));
  });
}

function errorCode(body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === "string" ? code : "no error code in the body";
  } catch {
    return "body is not JSON";
  }
}

/**
 * Opens an authenticated WebSocket and starts recording. Rejects with an `[assay/ws]` error
 * naming the HTTP status and error code when the upgrade is refused; the token never appears
 * in any message.
 *
 * @example
 * const client = await createWsClient({ url: "ws://127.0.0.1:4310/v1/ws", token });
 * client.send({ type: "ping", id: "p1" });
 * await client.waitFor({ type: "pong", id: "p1" });
 */
export function createWsClient(options: WsClientOptions): Promise<WsClient> {
  const { url, token, connectTimeoutMs = 5000 } = options;
  if (typeof token !== "string") {
    return Promise.reject(
      new Error('[assay/ws] createWsClient needs a token string: pass { url, token } ("" to send none).'),
    );
  }
  const redact = (text: string) => (token === "" ? text : text.split(token).join("<token>"));
  // An empty token sends no credentials at all: the way to test a missing token.
  const viaSubprotocol = options.auth === "subprotocol" && token !== "";
  const viaHeader = options.auth !== "subprotocol" && token !== "";
  const protocols = [
    ...(viaSubprotocol ? ["assay.v1", `bearer.${token}`] : []),
    ...(options.protocols ?? []),
  ];
  const headers = { ...options.headers, ...(viaHeader ? { Authorization: `Bearer ${token}` } : {}) };
  const socket = new WebSocket(url, protocols, { headers, handshakeTimeout: connectTimeoutMs });
  const recorder = createFrameRecorder();
  let connectedAt = 0;
  let sessionReady: Promise<Frame> | undefined;

  // One clock read per network read, not per message: ws emits every message of a read
  // synchronously, so they share one receive time, and the microtask after them resets the stamp.
  // This halves the recorder's per-message cost on bursts (performance.now() is not free).
  let stamp = -1;
  const resetStamp = () => {
    stamp = -1;
  };
  socket.on("message", (data: Buffer) => {
    if (stamp < 0) {
      stamp = now() - connectedAt;
      queueMicrotask(resetStamp);
    }
    recorder.push(data.toString(), data.length, stamp);
  });
  const closed = new Promise<CloseInfo>((resolve) => {
    socket.on("close", (code: number, reason: Buffer) => {
      recorder.end(code);
      resolve({ code, reason: reason.toString() });
    });
  });

  const client: WsClient = {
    socket,
    get frames() {
      return recorder.frames;
    },
    get connectedAt() {
      return connectedAt;
    },
    send(message) {
      client.sendRaw(JSON.stringify(message));
    },
    sendRaw(text) {
      if (socket.readyState !== WebSocket.OPEN) {
        throw new Error(
          "[assay/ws] Cannot send: the socket is not open (closed by the server or by close()).",
        );
      }
      socket.send(text);
    },
    waitFor: (match, opts) => recorder.waitFor(match, opts),
    runEvents: (runId) => recorder.runEvents(runId),
    latency: (runId, sentAt) => measureRunLatency(recorder.runEvents(runId), { sentAt, connectedAt }),
    close(code = 1000, reason) {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(code, reason);
        // A server that never answers the close handshake must not hang the test teardown.
        setTimeout(() => socket.terminate(), 1000).unref();
      }
      return closed;
    },
    closed,
    get sessionReady() {
      // Created on first use so that an unawaited timer never becomes an unhandled rejection.
      sessionReady ??= recorder.waitFor({ type: "session_ready" }, { timeout: connectTimeoutMs });
      return sessionReady;
    },
  };

  return new Promise<WsClient>((resolve, reject) => {
    const fail = (detail: string) => {
      reject(new Error(redact(`[assay/ws] Could not connect to ${url}: ${detail}`)));
      socket.terminate();
    };
    socket.on("unexpected-response", (_req, res: IncomingMessage) => {
      void readBody(res).then((body) =>
        fail(
          `the upgrade was refused with HTTP ${res.statusCode} (${errorCode(body)}). ` +
            "Check that the token is valid for this server and that the URL is the WebSocket route.",
        ),
      );
    });
    socket.on("error", (error: Error) => {
      // Before open this rejects the connect; after it, the "close" event carries the outcome.
      if (socket.readyState !== WebSocket.OPEN) fail(`${error.message}. Is the server running at that URL?`);
    });
    socket.once("open", () => {
      connectedAt = now();
      resolve(client);
    });
  });
}

/**
 * True for a client from `createWsClient`/`connectWs` (duck-typed, so wrappers work too).
 *
 * @example
 * if (!isWsClient(received)) throw new Error("[assay/ws] expects a WsClient");
 */
export function isWsClient(value: unknown): value is WsClient {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<WsClient>;
  return (
    Array.isArray(candidate.frames) &&
    typeof candidate.waitFor === "function" &&
    typeof candidate.runEvents === "function"
  );
}

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Test support (not exported): a real `ws` server on 127.0.0.1:0 that plays the backend's side.
 * It sends whatever the test scripts, records upgrade headers, and can refuse upgrades like the
 * reference backend does (status + JSON error envelope).
 *
 * @example
 * const server = await startScriptedServer();
 * const client = await createWsClient({ url: server.url, token: "t" });
 * server.send({ type: "pong", ts: "2025-01-01T00:00:00.000Z" });
 */
export type ScriptedServer = {
  url: string;
  /** Headers and offered subprotocols of every upgrade request, in order. */
  upgrades: { headers: IncomingHttpHeaders; protocols: string[] }[];
  /** Sends to every connected socket: objects as JSON, strings as is. */
  send(...messages: unknown[]): void;
  /** Resolves once `count` sockets are connected. */
  connected(count?: number): Promise<WebSocket[]>;
  /** Messages received from clients, as text. */
  received: string[];
  close(): Promise<void>;
};

export type ScriptedServerOptions = {
  refuse?: { status: number; body: string };
  /** Answers a client message: the returned value is sent back (objects as JSON); undefined sends nothing. */
  answer?: (text: string) => unknown;
};

export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const http = createServer();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has("assay.v1") ? "assay.v1" : false),
  });
  const sockets: WebSocket[] = [];
  const upgrades: ScriptedServer["upgrades"] = [];
  const received: string[] = [];
  let onConnect = () => {};
  http.on("upgrade", (req, socket, head) => {
    const protocols = (req.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    upgrades.push({ headers: req.headers, protocols });
    if (options.refuse) {
      const { status, body } = options.refuse;
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `WWW-Authenticate: Bearer realm="assay"\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on("message", (data: Buffer) => {
        received.push(data.toString());
        const reply = options.answer?.(data.toString());
        if (reply !== undefined) ws.send(typeof reply === "string" ? reply : JSON.stringify(reply));
      });
      onConnect();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/v1/ws`,
    upgrades,
    received,
    send(...messages) {
      for (const message of messages) {
        const text = typeof message === "string" ? message : JSON.stringify(message);
        for (const ws of sockets) ws.send(text);
      }
    },
    connected(count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          if (sockets.length >= count) resolve(sockets);
        };
        const previous = onConnect;
        onConnect = () => {
          previous();
          check();
        };
        check();
      });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

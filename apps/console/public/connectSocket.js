// @ts-check

/**
 * Keeps a WebSocket to `/v1/ws` open for a token (reconnecting after a drop) and reports
 * frames and the connection state. Browsers cannot set headers on a WebSocket, so the token
 * travels as the `bearer.<JWT>` subprotocol beside `assay.v1`.
 * @param {string} token
 * @param {{ onFrame: (frame: any) => void, onStatus: (connected: boolean) => void }} handlers
 * @returns {{ close: () => void }}
 * @example const socket = connectSocket(token, { onFrame: console.log, onStatus: () => {} });
 */
export function connectSocket(token, handlers) {
  let closed = false;
  let retryMs = 500;
  /** @type {WebSocket | null} */
  let socket = null;

  function open() {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/v1/ws`;
    const ws = new WebSocket(url, ["assay.v1", `bearer.${token}`]);
    socket = ws;
    ws.addEventListener("open", () => {
      retryMs = 500;
      handlers.onStatus(true);
    });
    ws.addEventListener("message", (message) => {
      try {
        handlers.onFrame(JSON.parse(String(message.data)));
      } catch {
        // A frame that is not JSON is the server's bug, not the page's; ignore it.
      }
    });
    ws.addEventListener("close", () => {
      handlers.onStatus(false);
      if (closed) return;
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 8000);
    });
  }

  open();
  return {
    close() {
      closed = true;
      socket?.close(1000, "signed out");
    },
  };
}

/**
 * Preload (`node --import`) that makes every server in the process listen on 127.0.0.1 when it
 * names no host. Third-party MCP servers such as @modelcontextprotocol/server-everything call
 * `app.listen(PORT)`, which binds every interface; Assay only ever talks to servers on loopback.
 *
 * @example
 * // PORT=3001 node --import ./src/cli/listenOnLoopback.ts node_modules/@modelcontextprotocol/server-everything/dist/index.js streamableHttp
 */
import { Server } from "node:net";

const listen = Server.prototype.listen;
Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]) {
  const [first, second] = args;
  const port = typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first));
  if (port && (second === undefined || typeof second === "function")) args.splice(1, 0, "127.0.0.1");
  else if (typeof first === "object" && first !== null && !("host" in first) && !("path" in first))
    args[0] = { ...first, host: "127.0.0.1" };
  return (listen as (...a: unknown[]) => Server).apply(this, args);
} as typeof Server.prototype.listen;

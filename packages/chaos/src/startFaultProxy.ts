import net from "node:net";
import { appliesTo, type Toxic } from "./Toxic.ts";

/** A TCP proxy in front of one dependency, with faults switched on and off while it runs. */
export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  /** Adds a fault now (also to open connections); returns its name for {@link FaultProxy.remove}. */
  add(toxic: Toxic): string;
  remove(name: string): void;
  /** The dependency is gone: open connections reset, new ones refused, until {@link FaultProxy.reset}. */
  cut(): void;
  /** Removes every fault and listens again. Connections that lost bytes to a blackhole are dropped. */
  reset(): Promise<void>;
  /** The faults in force, by name. */
  toxics(): Record<string, Toxic>;
  stats(): { open: number; accepted: number; bytesUpstream: number; bytesDownstream: number };
  close(): Promise<void>;
}

type Flow = "upstream" | "downstream";
type Link = {
  client: net.Socket;
  server: net.Socket;
  due: Record<Flow, number>;
  sent: Record<Flow, number>;
  /** Bytes were swallowed: the stream is corrupt from here on. */
  tainted: boolean;
  closing: boolean;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a TCP fault proxy on `127.0.0.1:port` (0: a free port) that forwards every connection
 * to `upstream`. Tests point the service at the proxy instead of its dependency and switch
 * faults (`latency`, `bandwidth`, `blackhole`, `reset`, `refuse`, `slow_close`, `limit_data`)
 * on and off while traffic flows.
 * @example
 * const db = await startFaultProxy({ upstream: { host: "127.0.0.1", port: 5432 } });
 * db.cut(); await sleep(5000); await db.reset();
 */
export async function startFaultProxy(options: {
  upstream: { host: string; port: number };
  port?: number;
}): Promise<FaultProxy> {
  const host = "127.0.0.1";
  const links = new Set<Link>();
  const faults = new Map<string, Toxic>();
  const stats = { accepted: 0, bytesUpstream: 0, bytesDownstream: 0 };
  let counter = 0;
  let server: net.Server | null = null;
  let port = options.port ?? 0;

  const active = (type: Toxic["type"], flow?: Flow): Toxic[] =>
    [...faults.values()].filter((t) => t.type === type && (flow === undefined || appliesTo(t, flow)));

  const forward = (link: Link, flow: Flow, chunk: Buffer) => {
    if (link.closing) return;
    if (active("blackhole", flow).length > 0) {
      link.tainted = true;
      return;
    }
    const target = flow === "upstream" ? link.server : link.client;
    let data = chunk;
    const limit = Math.min(
      ...active("limit_data", flow).map((t) => (t.type === "limit_data" ? t.bytes : Infinity)),
    );
    const cut = link.sent[flow] + data.length >= limit;
    if (cut) data = data.subarray(0, Math.max(0, limit - link.sent[flow]));
    link.sent[flow] += data.length;
    stats[flow === "upstream" ? "bytesUpstream" : "bytesDownstream"] += data.length;
    const now = performance.now();
    let delay = 0;
    for (const t of active("latency", flow))
      if (t.type === "latency") delay += t.latencyMs + (t.jitterMs ?? 0) * (Math.random() * 2 - 1);
    let due = Math.max(now + Math.max(0, delay), link.due[flow]);
    for (const t of active("bandwidth", flow))
      if (t.type === "bandwidth") due += (data.length / t.bytesPerSecond) * 1000;
    link.due[flow] = due;
    const write = () => {
      if (data.length > 0 && !target.destroyed) target.write(data);
      if (cut) destroy(link);
    };
    if (due <= now) write();
    else setTimeout(write, due - now);
  };

  const destroy = (link: Link, reset = false) => {
    link.closing = true;
    links.delete(link);
    for (const socket of [link.client, link.server]) {
      if (socket.destroyed) continue;
      if (reset) socket.resetAndDestroy();
      else socket.destroy();
    }
  };

  // One side ended: the other hears of it once the bytes already on their way got there.
  const ended = (link: Link, flow: Flow) => {
    const target = flow === "upstream" ? link.server : link.client;
    const closeDelay = active("slow_close").reduce(
      (sum, t) => sum + (t.type === "slow_close" ? t.delayMs : 0),
      0,
    );
    const at = Math.max(link.due[flow], performance.now()) + closeDelay - performance.now();
    setTimeout(() => target.end(), Math.max(0, at));
  };

  const accept = (client: net.Socket) => {
    stats.accepted++;
    if (active("reset").length > 0) {
      client.resetAndDestroy();
      return;
    }
    const link: Link = {
      client,
      server: net.connect(options.upstream),
      due: { upstream: 0, downstream: 0 },
      sent: { upstream: 0, downstream: 0 },
      tainted: false,
      closing: false,
    };
    links.add(link);
    client.setNoDelay(true);
    link.server.setNoDelay(true);
    client.on("data", (chunk: Buffer) => forward(link, "upstream", chunk));
    link.server.on("data", (chunk: Buffer) => forward(link, "downstream", chunk));
    client.on("end", () => ended(link, "upstream"));
    link.server.on("end", () => ended(link, "downstream"));
    // A reset on one side is passed on as a reset; any other error just closes both.
    const failed = (error: NodeJS.ErrnoException) => destroy(link, error.code === "ECONNRESET");
    client.on("error", failed);
    link.server.on("error", failed);
    const forget = () => {
      if (link.client.destroyed && link.server.destroyed) links.delete(link);
    };
    client.on("close", () => {
      if (!link.closing) ended(link, "upstream");
      forget();
    });
    link.server.on("close", () => {
      if (!link.closing) ended(link, "downstream");
      forget();
    });
  };

  const listen = async () => {
    const next = net.createServer(accept);
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, host, () => resolve());
    });
    port = (next.address() as net.AddressInfo).port;
    server = next;
  };

  const stopListening = () => {
    // Open connections are not the server's to end: they go on (or get their own faults).
    server?.close();
    server = null;
  };

  await listen();

  const proxy: FaultProxy = {
    host,
    get port() {
      return port;
    },
    add(toxic) {
      const name = `${toxic.type}-${++counter}`;
      faults.set(name, toxic);
      if (toxic.type === "reset") for (const link of [...links]) destroy(link, true);
      if (toxic.type === "refuse") stopListening();
      return name;
    },
    remove(name) {
      const toxic = faults.get(name);
      faults.delete(name);
      if (toxic?.type === "refuse" && active("refuse").length === 0 && server === null) void listen();
    },
    cut() {
      proxy.add({ type: "reset" });
      proxy.add({ type: "refuse" });
    },
    async reset() {
      faults.clear();
      for (const link of [...links]) if (link.tainted) destroy(link, true);
      if (server === null) {
        // The port may still be held for a moment by the server just closed.
        for (let attempt = 0; ; attempt++) {
          try {
            await listen();
            break;
          } catch (error) {
            if (attempt >= 20) throw error;
            await wait(50);
          }
        }
      }
    },
    toxics: () => Object.fromEntries(faults),
    stats: () => ({ open: links.size, ...stats }),
    async close() {
      faults.clear();
      for (const link of [...links]) destroy(link);
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
  return proxy;
}

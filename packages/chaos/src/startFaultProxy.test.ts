import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { after, before, test } from "node:test";
import { type FaultProxy, startFaultProxy } from "./startFaultProxy.ts";

// A real upstream: echoes every chunk back, and closes when told "bye".
let upstream: net.Server;
let upstreamPort: number;
const upstreamSockets = new Set<net.Socket>();

before(async () => {
  upstream = net.createServer((socket) => {
    upstreamSockets.add(socket);
    socket.on("close", () => upstreamSockets.delete(socket));
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      if (chunk.toString() === "bye") socket.end();
      else socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", () => resolve()));
  upstreamPort = (upstream.address() as net.AddressInfo).port;
});

after(async () => {
  for (const socket of upstreamSockets) socket.destroy();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

async function withProxy(work: (proxy: FaultProxy) => Promise<void>): Promise<void> {
  const proxy = await startFaultProxy({ upstream: { host: "127.0.0.1", port: upstreamPort } });
  try {
    await work(proxy);
  } finally {
    await proxy.close();
  }
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: "127.0.0.1", port });
  await once(socket, "connect");
  return socket;
}

/** Sends `text` and resolves with what came back within `ms` and how long the first byte took. */
async function roundTrip(
  socket: net.Socket,
  text: string,
  ms = 1000,
): Promise<{ got: string; firstMs: number }> {
  const started = performance.now();
  let got = "";
  let firstMs = Number.NaN;
  const onData = (chunk: Buffer) => {
    if (got === "") firstMs = performance.now() - started;
    got += chunk.toString();
  };
  socket.on("data", onData);
  socket.write(text);
  const deadline = started + ms;
  while (got.length < text.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  socket.off("data", onData);
  return { got, firstMs };
}

test("without faults it forwards both ways and counts the bytes", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    assert.equal((await roundTrip(socket, "hello")).got, "hello");
    assert.deepEqual(proxy.stats(), { open: 1, accepted: 1, bytesUpstream: 5, bytesDownstream: 5 });
    socket.destroy();
  });
});

test("latency delays each chunk, in order, and goes away when removed", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    const name = proxy.add({ type: "latency", latencyMs: 150, jitterMs: 20, direction: "downstream" });
    const slow = await roundTrip(socket, "abc");
    assert.equal(slow.got, "abc");
    assert.ok(slow.firstMs >= 125, `first byte after ${slow.firstMs} ms`);
    proxy.remove(name);
    const fast = await roundTrip(socket, "def");
    assert.ok(fast.firstMs < 100, `first byte after ${fast.firstMs} ms once removed`);
    socket.destroy();
  });
});

test("bandwidth spreads the bytes over time", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    proxy.add({ type: "bandwidth", bytesPerSecond: 2000, direction: "upstream" });
    const started = performance.now();
    const { got } = await roundTrip(socket, "x".repeat(600), 3000);
    assert.equal(got.length, 600);
    assert.ok(performance.now() - started >= 250, "600 bytes at 2000 B/s take about 300 ms");
    socket.destroy();
  });
});

test("blackhole keeps the connection open and never answers; reset drops the corrupted connection", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    proxy.add({ type: "blackhole" });
    assert.equal((await roundTrip(socket, "anyone?", 300)).got, "");
    assert.equal(socket.destroyed, false);
    // events.once would reject on the reset's error: listen for the close itself.
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.on("error", () => undefined);
    await proxy.reset();
    await closed;
    const fresh = await connect(proxy.port);
    assert.equal((await roundTrip(fresh, "back")).got, "back");
    fresh.destroy();
  });
});

test("reset sends a TCP reset to open connections and to new ones", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    await roundTrip(socket, "warm");
    const failed = once(socket, "error");
    proxy.add({ type: "reset" });
    const [error] = (await failed) as [NodeJS.ErrnoException];
    assert.equal(error.code, "ECONNRESET");
    const next = net.connect({ host: "127.0.0.1", port: proxy.port });
    const [nextError] = (await once(next, "error")) as [NodeJS.ErrnoException];
    assert.equal(nextError.code, "ECONNRESET");
  });
});

test("refuse stops listening (ECONNREFUSED) until reset, which listens on the same port again", async () => {
  await withProxy(async (proxy) => {
    const port = proxy.port;
    proxy.add({ type: "refuse" });
    const refused = net.connect({ host: "127.0.0.1", port });
    const [error] = (await once(refused, "error")) as [NodeJS.ErrnoException];
    assert.equal(error.code, "ECONNREFUSED");
    await proxy.reset();
    assert.equal(proxy.port, port);
    const socket = await connect(port);
    assert.equal((await roundTrip(socket, "again")).got, "again");
    socket.destroy();
  });
});

test("cut resets what is open and refuses what comes", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    const failed = once(socket, "error");
    proxy.cut();
    assert.equal(((await failed) as [NodeJS.ErrnoException])[0].code, "ECONNRESET");
    const refused = net.connect({ host: "127.0.0.1", port: proxy.port });
    assert.equal(((await once(refused, "error")) as [NodeJS.ErrnoException])[0].code, "ECONNREFUSED");
    await proxy.reset();
    const socket2 = await connect(proxy.port);
    assert.equal((await roundTrip(socket2, "ok")).got, "ok");
    socket2.destroy();
  });
});

test("slow_close delays the close the upstream started", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    proxy.add({ type: "slow_close", delayMs: 250 });
    const started = performance.now();
    socket.write("bye");
    await once(socket, "end");
    assert.ok(performance.now() - started >= 230, `end after ${performance.now() - started} ms`);
    socket.destroy();
  });
});

test("limit_data cuts the connection after exactly N bytes", async () => {
  await withProxy(async (proxy) => {
    const socket = await connect(proxy.port);
    proxy.add({ type: "limit_data", bytes: 10, direction: "downstream" });
    let got = "";
    socket.on("data", (chunk) => {
      got += chunk.toString();
    });
    socket.on("error", () => undefined);
    socket.write("0123456789abcdef");
    await new Promise((resolve) => socket.on("close", resolve));
    assert.equal(got, "0123456789");
  });
});

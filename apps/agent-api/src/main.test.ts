import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { after, before, test as nodeTest } from "node:test";
import WebSocket from "ws";
import { type ChildService, startChildService } from "./startChildService.ts";

// The real service in a child process: embedded database, msw upstream, a free port. Runs,
// refusals, and what the bad-input suite throws at it: always a 4xx envelope or a documented
// close code, never a 5xx, a crash or a stack.
let service: ChildService;
let alice: { id: string; token: string };
const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { timeout: 15_000 }, fn);
const CONSOLE_ORIGIN = "https://console.example.com";
const FOREIGN_ORIGIN = "https://evil.example";
const INTERNALS = /\bat \S+ \(|\.ts:\d+|node_modules|\/src\/|SELECT |INSERT /;

before(async () => {
  service = await startChildService({ ASSAY_CORS_ORIGINS: CONSOLE_ORIGIN });
  alice = await service.createUser();
});

after(async () => {
  const health = await service.call("GET", "/health");
  const failures = service.logs.filter((entry) => Number(entry.status) >= 500 || entry.level === "error");
  // Stopped first: a failed check below must not leave the service (and this run) hanging.
  await service.stop();
  assert.equal(health.status, 200, "/health answers after everything");
  assert.deepEqual(failures, []);
});

// Fails when /health does not say healthy/connected or boots the wrong database mode.
test("health answers healthy with its database", async () => {
  const health = await service.call("GET", "/health");
  assert.equal(health.status, 200);
  assert.deepEqual(Object.keys(health.body).sort(), [
    "circuit_breaker",
    "connection_pool",
    "database_status",
    "status",
    "uptime_seconds",
    "version",
  ]);
  assert.equal(health.body.status, "healthy");
  assert.equal(health.body.database_status, "connected");
  assert.ok(service.logs.some((entry) => entry.event === "listening" && entry.db_mode === service.dbMode));
});

// Fails when events arrive out of order, unpaired, incomplete, or on another user's socket.
test("a run with #tool:echo #tool:clock streams its events to the owner's socket", async () => {
  const { call, createUser, openSocket } = service;
  const owner = await createUser();
  const stranger = await createUser();
  const { ws, frames, next } = await openSocket(owner.token);
  const other = await openSocket(stranger.token);
  assert.equal(ws.protocol, "assay.v1");
  assert.equal((await next("session_ready")).user_id, owner.id);
  const conversation = await call("POST", "/v1/conversations", owner.token, { title: "Integration" });
  assert.equal(conversation.status, 201);
  const posted = await call("POST", `/v1/conversations/${conversation.body.id}/messages`, owner.token, {
    content: "hello #tool:echo #tool:clock",
  });
  assert.equal(posted.status, 202);
  const done = await next("agent_completed");
  assert.equal(done.content, "Echo: hello");
  const events = frames.filter((frame) => frame.run_id === posted.body.run.id);
  assert.deepEqual(
    events.map((event) => event.type),
    [
      "agent_started",
      "agent_thinking",
      "tool_executing",
      "tool_completed",
      "tool_executing",
      "tool_completed",
      "agent_thinking",
      "agent_completed",
    ],
  );
  assert.deepEqual(
    events.map((event) => event.seq),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.equal(events[2]?.tool_call_id, events[3]?.tool_call_id);
  assert.deepEqual(events[3]?.output, { text: "hello" });
  const replay = await call("GET", `/v1/runs/${posted.body.run.id}/events`, owner.token);
  assert.deepEqual(replay.body.items, events);
  assert.equal((await call("GET", `/v1/runs/${posted.body.run.id}`, owner.token)).body.status, "completed");
  assert.equal((await call("GET", `/v1/runs/${posted.body.run.id}`, stranger.token)).status, 404);
  assert.equal(other.frames.filter((frame) => frame.run_id !== undefined).length, 0);
  ws.close();
  other.ws.close();
});

// Fails when an upstream timeout leaves the run hanging or ends it with another code.
test("an upstream timeout ends the run with agent_error upstream_timeout", async () => {
  const owner = await service.createUser();
  const { ws, next } = await service.openSocket(owner.token);
  const conversation = await service.call("POST", "/v1/conversations", owner.token, { title: "Slow" });
  await service.call("POST", `/v1/conversations/${conversation.body.id}/messages`, owner.token, {
    content: "#upstream:timeout",
  });
  const failed = await next("agent_error");
  assert.deepEqual((failed.error as { code: string }).code, "upstream_timeout");
  ws.close();
});

// Fails when a missing or forged token is not the README's 401, or a 404 loses its correlation id.
test("refusals: 401 with WWW-Authenticate on HTTP and on the upgrade, 404 envelope", async () => {
  const anonymous = await service.call("GET", "/v1/me");
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get("www-authenticate"), 'Bearer realm="assay"');
  assert.equal(anonymous.body.error.code, "unauthorized");
  const ws = new WebSocket(`${service.base.replace("http", "ws")}/v1/ws`, ["assay.v1", "bearer.forged"]);
  const [, response] = (await once(ws, "unexpected-response")) as [unknown, { statusCode: number }];
  assert.equal(response.statusCode, 401);
  const missing = await service.call(
    "GET",
    "/v1/conversations/not-a-uuid",
    (await service.createUser()).token,
  );
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.correlation_id, missing.headers.get("x-correlation-id"));
});

/** Sends raw bytes, resolves everything the server answered until it closed. */
async function raw(request: string | Buffer): Promise<{ status: number; body: string }> {
  const socket = net.connect(service.port, "127.0.0.1");
  socket.on("error", () => undefined);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.write(request);
  await once(socket, "close");
  const text = Buffer.concat(chunks).toString();
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  const body = text.slice(text.indexOf("\r\n\r\n") + 4);
  assert.doesNotMatch(text, INTERNALS);
  return { status, body };
}

async function post(body: string | Buffer, contentType = "application/json") {
  const response = await fetch(`${service.base}/v1/conversations`, {
    method: "POST",
    headers: { authorization: `Bearer ${alice.token}`, "content-type": contentType },
    body,
  });
  const text = await response.text();
  assert.doesNotMatch(text, INTERNALS);
  return { status: response.status, code: JSON.parse(text).error?.code as string | undefined };
}

// Fails when a bad body gets a 5xx or a code other than the README's.
test("bodies: malformed, mistyped, oversized, deeply nested, not UTF-8, NUL and lone surrogates", async () => {
  assert.deepEqual(await post('{"title": "unterminated'), { status: 400, code: "invalid_json" });
  assert.deepEqual(await post("title=plain", "text/plain"), { status: 415, code: "unsupported_media_type" });
  assert.deepEqual(await post(JSON.stringify({ title: "x".repeat(1024 * 1024) })), {
    status: 413,
    code: "payload_too_large",
  });
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
  assert.deepEqual(await post(deep), { status: 400, code: "validation_failed" });
  assert.deepEqual(await post(`{"title": ${deep}}`), { status: 400, code: "validation_failed" });
  assert.deepEqual(await post("[".repeat(100_000)), { status: 400, code: "invalid_json" });
  const latin1 = Buffer.concat([Buffer.from('{"title": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  assert.deepEqual(await post(latin1), { status: 400, code: "invalid_json" });
  assert.deepEqual(await post('{"title": "nul \\u0000 here"}'), { status: 400, code: "validation_failed" });
  assert.deepEqual(await post('{"title": "lone \\ud800 surrogate"}'), {
    status: 400,
    code: "validation_failed",
  });
  assert.deepEqual(await post('{"title": "pair \\ud83d\\ude00 ok"}'), { status: 201, code: undefined });
});

// Fails when a malformed id or query reaches SQL and answers 5xx.
test("ids and query strings: malformed, encoded, huge — 404 or 400, never 5xx", async () => {
  for (const id of ["not-a-uuid", "%00", "..%2F..%2Fetc", "x".repeat(5000), "'%20OR%201=1--"]) {
    const answer = await service.call("GET", `/v1/conversations/${id}`, alice.token);
    assert.equal(answer.status, 404, id.slice(0, 20));
  }
  const session = (await service.call("POST", "/v1/sessions", alice.token, {})).body.id;
  for (const query of ["topic=%00", "topic=%ZZ", "", `topic=${"t".repeat(300)}`]) {
    const answer = await service.call("GET", `/v1/contexts/recall?${query}`, alice.token, undefined, {
      "x-assay-session": session,
    });
    assert.ok([400, 404].includes(answer.status), `${query.slice(0, 20)} → ${answer.status}`);
  }
  for (const before of ["-271821-04-19", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "yesterday"]) {
    const query = `tag_prefix=abcdefgh&created_before=${encodeURIComponent(before)}`;
    const answer = await service.call("GET", `/v1/test-support/users?${query}`, service.admin);
    assert.equal(answer.status, 400, before);
  }
});

// Fails when node's parser limits answer without the envelope, or 431 names another code.
test("raw HTTP: 2,000 headers, a huge URL, a garbage request line, a bad upgrade — envelopes", async () => {
  const headers = (count: number, width: number) =>
    Array.from({ length: count }, (_, i) => `x-h-${i}: ${"v".repeat(width)}\r\n`).join("");
  const upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
  const key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  const start = "GET /v1/ws HTTP/1.1\r\nHost: x\r\n";
  const small = await raw(`${start}${upgrade}${key}${headers(2000, 1)}\r\n`);
  const large = await raw(`${start}${upgrade}${key}${headers(2000, 20)}\r\n`);
  for (const answer of [small, large]) {
    assert.equal(answer.status, 431);
    assert.equal(JSON.parse(answer.body).error.code, "headers_too_large");
  }
  const hugeUrl = await raw(`GET /v1/${"a".repeat(40 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.equal(hugeUrl.status, 431);
  assert.equal(JSON.parse(hugeUrl.body).error.code, "headers_too_large");
  const longUrl = await raw(
    `GET /v1/${"a".repeat(20 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  );
  assert.equal(longUrl.status, 404);
  const garbage = await raw("GARBAGE\r\n\r\n");
  assert.equal(garbage.status, 400);
  assert.equal(JSON.parse(garbage.body).error.code, "validation_failed");
  const noKey = await raw(`${start}${upgrade}Authorization: Bearer ${alice.token}\r\n\r\n`);
  assert.equal(noKey.status, 400);
  assert.match(JSON.parse(noKey.body).error.message, /Sec-WebSocket-Key/);
});

// Fails when an oversized frame is not closed with 1009, or a bad frame closes the socket.
test("WebSocket frames: oversized → 1009, fragmented works, unknown and binary get error frames", async () => {
  const socket = await service.openSocket(alice.token);
  await socket.next("session_ready");
  socket.ws.send('{"type":"pi', { fin: false });
  socket.ws.send('ng","id":"frag"}', { fin: true });
  assert.equal((await socket.next("pong")).id, "frag");
  socket.ws.send(JSON.stringify({ type: "subscribe", channel: "everything" }));
  socket.ws.send(Buffer.from([0, 1, 2]), { binary: true });
  socket.ws.send(`{"type":"ping","x":${"[".repeat(50_000)}${"]".repeat(50_000)}}`);
  // The three answers come in order; wait for them rather than for a fixed time (a loaded
  // machine can take longer than any guess to parse the 100 kB frame).
  const errorCodes = () =>
    socket.frames.filter((f) => f.type === "error").map((f) => (f.error as { code: string }).code);
  for (const deadline = Date.now() + 10_000; errorCodes().length < 3 && Date.now() < deadline; )
    await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(errorCodes(), ["unknown_message_type", "invalid_json", "validation_failed"]);
  socket.ws.send("x".repeat(1024 * 1024 + 1));
  assert.equal((await socket.closed).code, 1009);
});

/** The CORS headers of an answer, `null` where absent. */
async function cors(method: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${service.base}${path}`, { method, headers });
  await response.arrayBuffer();
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    origin: header("access-control-allow-origin"),
    credentials: header("access-control-allow-credentials"),
    methods: header("access-control-allow-methods"),
    vary: header("vary"),
  };
}

// Fails when the service reflects a foreign Origin, sends `*`, or allows credentials to anyone.
test("CORS: the configured console origin only, never `*`, never credentials; a foreign origin gets nothing", async () => {
  const auth = { authorization: `Bearer ${alice.token}` };
  const preflight = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization",
  };
  for (const [method, path, extra] of [
    ["GET", "/health", {}],
    ["GET", "/v1/me", auth],
    ["OPTIONS", "/v1/conversations", preflight],
    ["OPTIONS", "/v1/conversations", { ...preflight, ...auth }],
  ] as const) {
    const foreign = await cors(method, path, { origin: FOREIGN_ORIGIN, ...extra });
    assert.deepEqual(
      [foreign.origin, foreign.credentials],
      [null, null],
      `${method} ${path} from a foreign origin`,
    );
    if (method === "OPTIONS") assert.equal(foreign.status, 405, "a foreign preflight is not granted");
    const allowed = await cors(method, path, { origin: CONSOLE_ORIGIN, ...extra });
    assert.deepEqual(
      [allowed.origin, allowed.credentials],
      [CONSOLE_ORIGIN, null],
      `${method} ${path} from the console`,
    );
    assert.equal(allowed.vary, "Origin");
    if (method === "OPTIONS") {
      assert.equal(allowed.status, 204);
      assert.match(allowed.methods ?? "", /\bPOST\b/);
    }
  }
  const sameOrigin = await cors("GET", "/v1/me", auth);
  assert.equal(sameOrigin.origin, null, "no Origin, no CORS headers");
});

// Fails when the cors_reflect_origin fault does not reflect, or reflects for users outside it.
test("CORS fault: cors_reflect_origin reflects any Origin with credentials, for its user only", async () => {
  const { call, admin, createUser } = service;
  const faulty = await createUser();
  const setFault = (enabled: boolean) =>
    call("PUT", "/v1/test-support/faults", admin, {
      user_id: faulty.id,
      fault: "cors_reflect_origin",
      enabled,
    });
  assert.equal((await setFault(true)).status, 200);
  const asFaulty = { origin: FOREIGN_ORIGIN, authorization: `Bearer ${faulty.token}` };
  const reflected = await cors("GET", "/v1/me", asFaulty);
  assert.deepEqual([reflected.origin, reflected.credentials], [FOREIGN_ORIGIN, "true"]);
  const granted = await cors("OPTIONS", "/v1/me", { ...asFaulty, "access-control-request-method": "GET" });
  assert.deepEqual([granted.status, granted.origin, granted.credentials], [204, FOREIGN_ORIGIN, "true"]);
  const other = await cors("GET", "/v1/me", {
    origin: FOREIGN_ORIGIN,
    authorization: `Bearer ${alice.token}`,
  });
  assert.equal(other.origin, null, "another user's answer is untouched");
  assert.equal((await setFault(false)).status, 200);
  assert.equal((await cors("GET", "/v1/me", asFaulty)).origin, null);
});

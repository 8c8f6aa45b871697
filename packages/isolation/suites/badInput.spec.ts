import { annotate, expect, test } from "@assay/test";
import { askWs } from "@assay/ws";
import type { APIRequestContext } from "@playwright/test";
import {
  assertCleanErrors,
  badHttpInputs,
  checkContract,
  checkErrorResponse,
  findInternals,
  type HttpOutcome,
  openRawWebSocket,
  sendBadHttpInput,
  sendRaw,
} from "../src/index.ts";

/**
 * Close codes a bad frame may get: RFC 6455's own for broken frames, and the service's
 * documented ones (apps/agent-api/README.md). 1011 (internal error) and an abrupt end (1006)
 * are failures, like a 5xx.
 */
const DOCUMENTED_CLOSE = new Map([
  [1002, "protocol error (RFC 6455)"],
  [1007, "invalid UTF-8 in a text frame (RFC 6455)"],
  [1008, "too many frames in flight (agent-api)"],
  [1009, "frame over 1 MiB (agent-api)"],
]);

async function healthy(request: APIRequestContext, after: string, problems: string[]): Promise<void> {
  const health = await request.get("/health").catch(() => undefined);
  if (health?.status() !== 200) problems.push(`GET /health did not answer 200 right after ${after}`);
}

test("bad HTTP input gets a 4xx envelope (or is stored, if valid), never a 5xx, internals or a crash", async ({
  users,
  target,
  request,
}) => {
  test.setTimeout(90_000);
  const alice = await users.create();
  const project = (await (await alice.api.post("/v1/projects", { data: { name: "bad input" } })).json()).id;
  const session = (await (await alice.api.post("/v1/sessions", { data: { project_id: project } })).json()).id;
  const conversation = (
    await (await alice.api.post("/v1/conversations", { data: { title: "bad input" } })).json()
  ).id;
  const inputs = badHttpInputs({ project, session, conversation });
  const problems: string[] = [];
  const outcomes: HttpOutcome[] = [];
  for (const input of inputs) {
    const outcome = await sendBadHttpInput(target.baseURL, alice.token, input);
    outcomes.push(outcome);
    problems.push(...checkErrorResponse(outcome, input.expected));
    await healthy(request, outcome.where, problems);
  }
  const fiveXX = outcomes.filter((o) => o.status >= 500).length;
  annotate("assay:bad-input", `HTTP: ${inputs.length} bad inputs tried, ${fiveXX} answered ≥ 500`);
  expect(inputs.length).toBeGreaterThan(150);
  assertCleanErrors(problems, outcomes.length);
});

test("requests HTTP parsers refuse (2,000 headers on the upgrade, huge URLs, a broken length) get a 4xx envelope", async ({
  users,
  target,
  request,
}) => {
  const alice = await users.create();
  const host = new URL(target.baseURL).host;
  const upgrade = [
    "GET /v1/ws HTTP/1.1",
    `Host: ${host}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    `Authorization: Bearer ${alice.token}`,
  ];
  const cases: Array<[string, string]> = [
    [
      "GET /v1/ws (2,000 headers on the upgrade)",
      `${[...upgrade, ...Array.from({ length: 2000 }, (_, i) => `X-Assay-${i}: ${i}`)].join("\r\n")}\r\n\r\n`,
    ],
    [
      "GET /v1/projects/:id (an 8 KiB URL)",
      `GET /v1/projects/${"a".repeat(8 * 1024)} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${alice.token}\r\nConnection: close\r\n\r\n`,
    ],
    [
      "GET /v1/projects/:id (a 64 KiB URL)",
      `GET /v1/projects/${"a".repeat(64 * 1024)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    ],
    [
      "POST /v1/projects (Content-Length: abc)",
      `POST /v1/projects HTTP/1.1\r\nHost: ${host}\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}`,
    ],
    [
      "GET /v1/me (a header line without a colon)",
      `GET /v1/me HTTP/1.1\r\nHost: ${host}\r\nthis is not a header\r\nConnection: close\r\n\r\n`,
    ],
  ];
  const problems: string[] = [];
  for (const [where, raw] of cases) {
    const answer = await sendRaw(target.baseURL, raw);
    if (answer.upgraded) problems.push(`${where}: the upgrade went through`);
    problems.push(...checkErrorResponse({ where, status: answer.status, body: answer.body }, "4xx"));
    await healthy(request, where, problems);
  }
  annotate("assay:bad-input", `raw HTTP: ${cases.length} requests parsers refuse`);
  assertCleanErrors(problems, cases.length);
});

test("bad WebSocket frames get an error frame on a socket that stays open, or a documented close code", async ({
  users,
  connectWs,
  target,
  request,
}) => {
  test.setTimeout(60_000);
  const alice = await users.create();
  const ws = await connectWs({ token: alice.token });
  await expect(ws).toReceiveEvent({ type: "session_ready" });
  const problems: string[] = [];
  const frames: Array<[string, string]> = [
    ["unknown type", '{"type":"subscribe_everything"}'],
    ["numeric type", '{"type":42}'],
    ["no type", "{}"],
    ["an array", "[]"],
    ["a string", '"ping"'],
    ["null", "null"],
    ["a number", "123"],
    ["__proto__ type", '{"type":"__proto__"}'],
    ["NUL type", '{"type":"\\u0000"}'],
    ["ping with an object id", '{"type":"ping","id":{"nested":true}}'],
    ["switch_project without project_id", '{"type":"switch_project"}'],
    ["switch_project with a bad id", '{"type":"switch_project","project_id":"../../etc"}'],
    [
      "replay with a negative after_seq",
      `{"type":"replay","run_id":"${crypto.randomUUID()}","after_seq":-1}`,
    ],
    ["replay with a string after_seq", `{"type":"replay","run_id":"${crypto.randomUUID()}","after_seq":"a"}`],
    ["not JSON", "{not json"],
    ["an empty frame", ""],
    ["arrays nested 100,000 deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["a lone surrogate type", '{"type":"\\ud800"}'],
  ];
  for (const [name, text] of frames) {
    const answer = await askWs(ws, text).catch((error: Error) => ({
      type: "none",
      why: error.message.split("\n")[0],
    }));
    if (answer.type !== "error")
      problems.push(`WS frame (${name}): answered ${String(answer.type)}, expected an error frame`);
    else checkContract("ws/error.v1", answer, `WS frame (${name})`, problems);
    for (const internal of findInternals(JSON.stringify(answer)))
      problems.push(`WS frame (${name}): the error carries ${internal}`);
  }
  // A binary frame is refused as invalid_json (apps/agent-api/README.md), even when its bytes are a ping.
  const binary = await askWs(ws, Buffer.from('{"type":"ping","id":"binary"}'));
  checkContract("ws/error.v1", binary, "WS binary frame", problems);
  if ((binary.error as { code?: unknown } | undefined)?.code !== "invalid_json")
    problems.push(
      `WS binary frame: answered ${JSON.stringify(binary)}, expected an invalid_json error frame`,
    );
  const fragments = ['{"type":"pi', 'ng","id":"frag', 'mented"', "}"];
  fragments.forEach((part, i) => {
    ws.socket.send(part, { fin: i === fragments.length - 1 });
  });
  await expect(ws).toReceiveEvent({ type: "pong", id: "fragmented" });
  ws.send({ type: "ping", id: "still-open" });
  await expect(ws).toReceiveEvent({ type: "pong", id: "still-open" });

  const closes: Array<[string, (ws: Awaited<ReturnType<typeof connectWs>>) => void, number]> = [
    ["a frame over 1 MiB", (s) => s.sendRaw("x".repeat(1024 * 1024 + 1)), 1009],
    [
      "fragments adding up to over 1 MiB",
      (s) => {
        for (let i = 0; i < 3; i += 1) s.socket.send("x".repeat(400 * 1024), { fin: i === 2 });
      },
      1009,
    ],
  ];
  for (const [name, send, expected] of closes) {
    const socket = await connectWs({ token: alice.token });
    await socket.sessionReady;
    send(socket);
    const { code } = await socket.closed;
    if (code !== expected)
      problems.push(
        `WS (${name}): closed with ${code}, expected ${expected} (${DOCUMENTED_CLOSE.get(expected)})`,
      );
    await healthy(request, name, problems);
  }
  const raw: Array<[string, number, Buffer, boolean, number]> = [
    ["invalid UTF-8 in a text frame", 0x1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), true, 1007],
    ["a continuation frame with no start", 0x0, Buffer.from("{}"), true, 1002],
    ["a reserved opcode", 0x3, Buffer.from("{}"), true, 1002],
  ];
  for (const [name, opcode, payload, fin, expected] of raw) {
    const socket = await openRawWebSocket(target.wsURL, { authorization: `Bearer ${alice.token}` });
    expect(socket.answer.status, name).toBe(101);
    socket.send(opcode, payload, fin);
    const code = await Promise.race([
      socket.closed,
      new Promise<string>((r) => setTimeout(() => r("no close within 5 s"), 5000)),
    ]);
    socket.destroy();
    if (code !== expected)
      problems.push(
        `WS (${name}): closed with ${String(code)}, expected ${expected} (${DOCUMENTED_CLOSE.get(expected)})`,
      );
    await healthy(request, name, problems);
  }
  const tried = frames.length + 2 + closes.length + raw.length;
  annotate("assay:bad-input", `WebSocket: ${tried} bad frames tried, ${problems.length} problems`);
  assertCleanErrors(problems, tried);
});

import type { Expected, HttpOutcome } from "./checkErrorResponse.ts";
import { sendRaw } from "./sendRaw.ts";

/** One malformed or odd HTTP request, named; sent byte for byte by {@link sendBadHttpInput}. */
export interface BadHttpInput {
  name: string;
  method: string;
  /** The raw request target, sent as is (no encoding). */
  path: string;
  /** The route it hits, as a pattern, to name it: `/v1/projects/:id`. */
  route: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** `4xx` for broken input; `2xx-or-4xx` for odd but valid input the service may accept. */
  expected: Expected;
}

/** A user's ids the routes under test need. */
export interface BadInputIds {
  project: string;
  session: string;
  conversation: string;
}

const JSON_TYPE = { "content-type": "application/json" };

/** Bodies that are not JSON, or not a JSON object. */
const MALFORMED: ReadonlyArray<[string, string | Buffer]> = [
  ["unterminated string", '{"name": "unterminated'],
  ["trailing comma", '{"name": "x",}'],
  ["single quotes", "{'name': 'x'}"],
  ["NaN", '{"name": NaN}'],
  ["garbage after the object", '{"name": "x"} and more'],
  ["empty body", ""],
  ["null", "null"],
  ["an array", "[]"],
  ["a string", '"name"'],
  ["a number", "123"],
  ["__proto__ key", '{"__proto__": {"admin": true}, "name": "x", "title": "x", "content": "x"}'],
  ["constructor.prototype key", '{"constructor": {"prototype": {"admin": true}}}'],
];

/** RFC 8259 lets a parser ignore a leading byte order mark, so a service may accept it. */
const BOM = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from('{"name":"x","title":"x","content":"x"}'),
]);

/** Odd but valid strings: a service may store them (2xx) or refuse them (4xx), never crash. */
const UNICODE: ReadonlyArray<[string, string]> = [
  ["NUL character", "a\\u0000b"],
  ["lone high surrogate", "a\\ud800b"],
  ["reversed surrogate pair", "\\udfff\\ud800"],
  ["right-to-left override", "\\u202egnp.exe"],
  ["50 zero-width spaces", "\\u200b".repeat(50)],
  ["4-byte emoji", "💥🧪"],
  ["201 emoji (402 UTF-16 units)", "💥".repeat(201)],
  ["300 combining marks", `a${"\\u0301".repeat(300)}`],
  ["noncharacter U+FFFF", "\\uffff"],
];

/**
 * The catalog of bad HTTP input, on the routes that take a body or an id: malformed JSON, wrong
 * content types, a body over 1 MiB, deeply nested JSON, invalid ids, invalid UTF-8 and unicode
 * edge cases. Every one must get a status below 500 and, when refused, the error envelope.
 *
 * @example
 * for (const input of badHttpInputs(ids)) outcomes.push(await sendBadHttpInput(baseURL, token, input));
 */
export function badHttpInputs(ids: BadInputIds): BadHttpInput[] {
  const session = { ...JSON_TYPE, "x-assay-session": ids.session };
  const bodyRoutes: Array<[string, string, string, Record<string, string>]> = [
    ["POST", "/v1/projects", "/v1/projects", JSON_TYPE],
    ["PATCH", `/v1/projects/${ids.project}`, "/v1/projects/:id", JSON_TYPE],
    ["POST", "/v1/sessions", "/v1/sessions", JSON_TYPE],
    ["PUT", `/v1/sessions/${ids.session}/project`, "/v1/sessions/:id/project", JSON_TYPE],
    ["POST", "/v1/contexts", "/v1/contexts", session],
    ["POST", "/v1/conversations", "/v1/conversations", JSON_TYPE],
    ["POST", `/v1/conversations/${ids.conversation}/messages`, "/v1/conversations/:id/messages", JSON_TYPE],
  ];
  const inputs: BadHttpInput[] = [];
  for (const [method, path, route, headers] of bodyRoutes) {
    for (const [name, body] of MALFORMED) {
      // A route whose fields are all optional may read an empty body as `{}`.
      const expected = name === "empty body" && route === "/v1/sessions" ? "2xx-or-4xx" : "4xx";
      inputs.push({ name: `malformed JSON: ${name}`, method, path, route, headers, body, expected });
    }
    inputs.push({
      name: "BOM before the object",
      method,
      path,
      route,
      headers,
      body: BOM,
      expected: "2xx-or-4xx",
    });
  }
  for (const type of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/jsonx",
  ]) {
    inputs.push({
      name: `content type ${type}`,
      method: "POST",
      path: "/v1/projects",
      route: "/v1/projects",
      headers: { "content-type": type },
      body: '{"name":"x"}',
      expected: "4xx",
    });
  }
  inputs.push({
    name: "no content type",
    method: "POST",
    path: "/v1/conversations",
    route: "/v1/conversations",
    body: '{"title":"x"}',
    expected: "4xx",
  });
  const big = `{"name":"${"x".repeat(1024 * 1024)}"}`;
  inputs.push({
    name: "body over 1 MiB",
    method: "POST",
    path: "/v1/projects",
    route: "/v1/projects",
    headers: JSON_TYPE,
    body: big,
    expected: "4xx",
  });
  inputs.push({
    name: "context content over 64 KiB",
    method: "POST",
    path: "/v1/contexts",
    route: "/v1/contexts",
    headers: session,
    body: JSON.stringify({ topic: "t", content: "é".repeat(33 * 1024) }),
    expected: "4xx",
  });
  inputs.push({
    name: "arrays nested 100,000 deep",
    method: "POST",
    path: "/v1/projects",
    route: "/v1/projects",
    headers: JSON_TYPE,
    body: `{"name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    expected: "4xx",
  });
  inputs.push({
    name: "objects nested 50,000 deep",
    method: "POST",
    path: "/v1/conversations",
    route: "/v1/conversations",
    headers: JSON_TYPE,
    body: `${'{"title":'.repeat(50_000)}"x"${"}".repeat(50_000)}`,
    expected: "4xx",
  });
  for (const [name, bytes] of [
    ["invalid UTF-8", Buffer.from([0xc3, 0x28])],
    ["overlong UTF-8 slash", Buffer.from([0xc0, 0xaf])],
    ["UTF-16 surrogate as UTF-8", Buffer.from([0xed, 0xa0, 0x80])],
  ] as const) {
    const body = Buffer.concat([Buffer.from('{"name":"'), bytes, Buffer.from('"}')]);
    inputs.push({
      name: `${name} in a string`,
      method: "POST",
      path: "/v1/projects",
      route: "/v1/projects",
      headers: JSON_TYPE,
      body,
      expected: "2xx-or-4xx",
    });
  }
  for (const [name, text] of UNICODE) {
    inputs.push({
      name: `project name with ${name}`,
      method: "POST",
      path: "/v1/projects",
      route: "/v1/projects",
      headers: JSON_TYPE,
      body: `{"name":"${text}"}`,
      expected: "2xx-or-4xx",
    });
    inputs.push({
      name: `context with ${name}`,
      method: "POST",
      path: "/v1/contexts",
      route: "/v1/contexts",
      headers: session,
      body: `{"topic":"${text}","content":"${text}","tags":["${text}"]}`,
      expected: "2xx-or-4xx",
    });
  }
  const badIds = [
    "not-a-uuid",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%00",
    "'%20OR%20'1'%3D'1",
    "00000000-0000-0000-0000-000000000000",
    "%",
    "%C0%AF",
    "%F0%9F%92%A5",
    "%E2%80%AE",
    "a".repeat(4000),
  ];
  for (const pattern of [
    "/v1/projects/:id",
    "/v1/sessions/:id",
    "/v1/contexts/:id",
    "/v1/conversations/:id/messages",
    "/v1/runs/:id/events",
  ]) {
    for (const id of badIds) {
      inputs.push({
        name: `invalid id ${id.slice(0, 24)}`,
        method: "GET",
        path: pattern.replace(":id", id),
        route: pattern,
        expected: "4xx",
      });
    }
  }
  inputs.push({
    name: "invalid session header",
    method: "GET",
    path: "/v1/contexts",
    route: "/v1/contexts",
    headers: { "x-assay-session": "../../etc/passwd" },
    expected: "4xx",
  });
  inputs.push({
    name: "recall without a topic",
    method: "GET",
    path: "/v1/contexts/recall?topic",
    route: "/v1/contexts/recall",
    headers: { "x-assay-session": ids.session },
    expected: "4xx",
  });
  inputs.push({
    name: "recall with a malformed query",
    method: "GET",
    path: "/v1/contexts/recall?topic=%E0%A4%A",
    route: "/v1/contexts/recall",
    headers: { "x-assay-session": ids.session },
    expected: "4xx",
  });
  return inputs;
}

/**
 * Sends one bad input byte for byte as `token`'s user (Content-Length set, connection closed
 * after) and returns what came back, named `METHOD /route (input name)`.
 *
 * @example
 * const outcome = await sendBadHttpInput(target.baseURL, alice.token, input);
 */
export async function sendBadHttpInput(
  baseURL: string,
  token: string,
  input: BadHttpInput,
): Promise<HttpOutcome> {
  const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body);
  const head = [
    `${input.method} ${input.path} HTTP/1.1`,
    `Host: ${new URL(baseURL).host}`,
    `Authorization: Bearer ${token}`,
    ...Object.entries(input.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(input.body === undefined ? [] : [`Content-Length: ${body.length}`]),
    "Connection: close",
  ];
  const answer = await sendRaw(
    baseURL,
    Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), body]),
    15_000,
  );
  return {
    where: `${input.method} ${input.route} (${input.name})`,
    status: answer.status,
    body: answer.body,
  };
}

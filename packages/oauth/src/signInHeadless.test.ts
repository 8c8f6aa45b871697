import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { OauthFlowError } from "./OauthFlowError.ts";
import { signInHeadless } from "./signInHeadless.ts";

// A tiny authorization server of another make: username/password, a session cookie, a GET
// consent form, and the redirect back. The page object is configured for its field names.
let base = "";
const seen: string[] = [];
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  seen.push(`${req.method} ${url.pathname} ${req.headers.cookie ?? "-"}`);
  const html = (title: string, inner: string) =>
    res.writeHead(200, { "content-type": "text/html" }).end(`<title>${title}</title>${inner}`);
  if (url.pathname === "/authorize") {
    html(
      "Log in",
      `<form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Log in</button></form>`,
    );
  } else if (url.pathname === "/login" && form.get("username") === "qa" && form.get("password") === "pw") {
    res.writeHead(303, { location: "/consent", "set-cookie": "sid=abc; HttpOnly" }).end();
  } else if (url.pathname === "/login") {
    res
      .writeHead(401, { "content-type": "text/html" })
      .end(`<form method="post" action="/login"><input name="username"><input name="password"></form>`);
  } else if (url.pathname === "/consent" && req.headers.cookie === "sid=abc") {
    html(
      "Authorize app",
      `<form action="/decide"><input type="hidden" name="t" value="1"><button name="ok" value="yes">Authorize</button><button name="ok" value="no">Cancel</button></form>`,
    );
  } else if (
    url.pathname === "/decide" &&
    url.searchParams.get("ok") === "yes" &&
    url.searchParams.get("t") === "1"
  ) {
    res.writeHead(302, { location: "https://client.example/cb?code=c1&state=s" }).end();
  } else {
    res.writeHead(400, { "content-type": "text/html" }).end('<p data-error="invalid_request">no</p>');
  }
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test("fills another server's log-in form, keeps its cookie, approves on a GET consent form, stops at the redirect URI", async () => {
  const result = await signInHeadless({
    authorizationUrl: `${base}/authorize?client_id=1`,
    redirectUri: "https://client.example/cb",
    page: { fields: { username: "qa", password: "pw" } },
  });
  assert.equal(result.callback, "https://client.example/cb?code=c1&state=s");
  assert.deepEqual(result.pages, [
    { form: "sign-in", title: "Log in" },
    { form: "consent", title: "Authorize app" },
  ]);
  assert.deepEqual(seen.slice(-4), [
    "GET /authorize -",
    "POST /login -",
    "GET /consent sid=abc",
    "GET /decide sid=abc",
  ]);
});

test("refused credentials, error pages and pages without a form end at step sign-in", async () => {
  const run = (authorizationUrl: string, fields: Record<string, string>) =>
    signInHeadless({ authorizationUrl, redirectUri: "https://client.example/cb", page: { fields } });
  await assert.rejects(
    run(`${base}/authorize`, { username: "qa", password: "wrong" }),
    (error: unknown) =>
      error instanceof OauthFlowError &&
      error.step === "sign-in" &&
      /credentials were refused/.test(error.message),
  );
  await assert.rejects(
    run(`${base}/nowhere`, { username: "qa" }),
    (error: unknown) =>
      error instanceof OauthFlowError && error.status === 400 && error.error === "invalid_request",
  );
  await assert.rejects(run(`${base}/authorize`, { email: "x" }), /has no sign-in form with fields email/);
});

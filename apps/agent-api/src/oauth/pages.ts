import type { Reply } from "../http/Route.ts";

const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // No script at all; the pages are forms. Framing is refused (a consent page in a frame is
  // clickjacking bait) and no Referer leaves (the authorize URL carries the request).
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}label{display:block;margin:1rem 0}input{display:block;width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{font:inherit;padding:.5rem 1.25rem;margin:1rem .5rem 0 0}.error{color:#a1151a}.warning{background:#fff4d6;padding:.5rem}code{word-break:break-all}";

/**
 * Escapes text for HTML content and double-quoted attributes.
 * @example escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function page(status: number, title: string, body: string): Reply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Assay</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return { status, headers: HTML_HEADERS, raw: Buffer.from(html) };
}

/**
 * The sign-in form: the test user's email and a one-time sign-in code from the test-support API.
 * @example return signInPage({ clientName: "Claude", sealed });
 */
export function signInPage(options: { clientName: string; sealed: string; error?: string }): Reply {
  const error =
    options.error === undefined
      ? ""
      : `<p class="error" role="alert" data-testid="sign-in-error">${escapeHtml(options.error)}</p>`;
  return page(
    options.error === undefined ? 200 : 400,
    "Sign in",
    `<h1>Sign in</h1>
<p><strong data-testid="client-name">${escapeHtml(options.clientName)}</strong> wants to use the Assay MCP server as you.</p>${error}
<form method="post" action="/oauth/authorize" data-testid="sign-in-form">
<input type="hidden" name="request" value="${escapeHtml(options.sealed)}">
<label>Email <input name="email" type="email" autocomplete="username" required data-testid="email"></label>
<label>Sign-in code <input name="code" type="password" autocomplete="one-time-code" required data-testid="sign-in-code"></label>
<button type="submit" data-testid="sign-in">Sign in</button>
</form>
<p>Test users get a one-time sign-in code from the test-support API.</p>`,
  );
}

/**
 * The consent page: who is signed in, which client asks for what, and where the answer goes
 * (the MCP authorization spec: show the redirect URI's host; warn about loopback ones).
 * @example return consentPage({ … });
 */
export function consentPage(options: {
  clientName: string;
  clientId: string;
  email: string;
  resource: string;
  scope: string;
  redirectUri: string;
  sealed: string;
}): Reply {
  const redirect = new URL(options.redirectUri);
  const loopback = ["127.0.0.1", "[::1]", "localhost"].includes(redirect.hostname);
  const warning = loopback
    ? `<p class="warning" data-testid="loopback-warning">The answer goes to a program on this computer (${escapeHtml(redirect.host)}). Allow only if you started it.</p>`
    : "";
  return page(
    200,
    "Allow access?",
    `<h1>Allow access?</h1>
<p>Signed in as <strong data-testid="signed-in-as">${escapeHtml(options.email)}</strong>.</p>
<p><strong data-testid="client-name">${escapeHtml(options.clientName)}</strong> <small>(client <code>${escapeHtml(options.clientId)}</code>)</small> asks to use</p>
<p><code data-testid="resource">${escapeHtml(options.resource)}</code> with the scope <code data-testid="scope">${escapeHtml(options.scope)}</code>.</p>
<p>Your answer goes to <strong data-testid="redirect-host">${escapeHtml(redirect.host)}</strong>.</p>${warning}
<form method="post" action="/oauth/authorize" data-testid="consent-form">
<input type="hidden" name="request" value="${escapeHtml(options.sealed)}">
<button type="submit" name="decision" value="allow" data-testid="allow">Allow</button>
<button type="submit" name="decision" value="deny" data-testid="deny">Deny</button>
</form>`,
  );
}

/**
 * The page for a request that cannot be answered by redirecting (RFC 6749 §4.1.2.1: an unknown
 * client or a redirect URI that is not registered must not be redirected to).
 * @example return errorPage("invalid_request", "redirect_uri is not registered for this client.");
 */
export function errorPage(error: string, description: string): Reply {
  return page(
    400,
    "Authorization failed",
    `<h1>This request cannot go on</h1>
<p data-testid="oauth-error" data-error="${escapeHtml(error)}"><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`,
  );
}

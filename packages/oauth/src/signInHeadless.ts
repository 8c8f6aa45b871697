import { type Exchange, httpExchange } from "./httpExchange.ts";
import { OauthFlowError } from "./OauthFlowError.ts";
import { type FormButton, type HtmlForm, parseForms } from "./parseForms.ts";

/**
 * The page object of an authorization server's sign-in and consent pages, for a client without a
 * browser: which fields the sign-in form takes (name → value, e.g. the reference's `email` and
 * `code`, or another server's `username` and `password`), and which button approves on the
 * consent page.
 */
export interface SignInPage {
  /** The sign-in form is the first form holding every one of these field names. Values are secrets: never printed. */
  fields: Record<string, string>;
  /** The approving button: by name and value, or by its text; default: text or value saying allow, approve, authorize, accept or continue. */
  approve?: { name?: string; value?: string; text?: RegExp };
}

/** What the headless sign-in went through and where it ended. */
export interface HeadlessSignIn {
  /** The URL the server redirected to under the redirect URI: it carries the authorization response. */
  callback: string;
  /** The pages filled in, in order (`sign-in`, `consent`), with the page title. */
  pages: Array<{ form: "sign-in" | "consent"; title: string }>;
}

const APPROVE = /\b(allow|approve|authori[sz]e|accept|continue|yes)\b/i;

function approves(button: FormButton, page: SignInPage): boolean {
  const wanted = page.approve;
  if (wanted?.name !== undefined || wanted?.value !== undefined) {
    return (
      (wanted.name === undefined || button.name === wanted.name) &&
      (wanted.value === undefined || button.value === wanted.value)
    );
  }
  const text = wanted?.text ?? APPROVE;
  return text.test(button.text) || text.test(button.value);
}

function isUnder(location: string, redirectUri: string): boolean {
  const at = new URL(location);
  const to = new URL(redirectUri);
  return at.origin === to.origin && at.pathname === to.pathname;
}

function formBody(form: HtmlForm, values: Record<string, string>, button?: FormButton): string {
  const body = new URLSearchParams();
  for (const field of form.fields) body.append(field.name, values[field.name] ?? field.value);
  for (const [name, value] of Object.entries(values))
    if (!form.fields.some((f) => f.name === name)) body.append(name, value);
  if (button?.name !== undefined) body.append(button.name, button.value);
  return body.toString();
}

function cookieJar() {
  const cookies = new Map<string, Map<string, string>>();
  return {
    store(url: string, headers: Headers) {
      const host = new URL(url).host;
      const jar = cookies.get(host) ?? new Map<string, string>();
      for (const line of headers.getSetCookie()) {
        const pair = line.split(";")[0] ?? "";
        const eq = pair.indexOf("=");
        if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      cookies.set(host, jar);
    },
    header(url: string): Record<string, string> {
      const jar = cookies.get(new URL(url).host);
      if (jar === undefined || jar.size === 0) return {};
      return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") };
    },
  };
}

/**
 * Walks an authorization request the way a person with a browser would, without one: opens the
 * authorization URL, fills the sign-in form with the page object's fields, presses the approving
 * button on the consent page, follows redirects (keeping cookies) until the server redirects to
 * the redirect URI — and returns that URL unread. A server that refuses without redirecting (an
 * error page), a sign-in form shown again after it was filled (the credentials were refused), or
 * a page with no form to fill ends it with an {@link OauthFlowError} at step `sign-in`.
 *
 * @example
 * const { callback } = await signInHeadless({ authorizationUrl, redirectUri: client.redirectUri, page: { fields: { email, code } } });
 */
export async function signInHeadless(options: {
  authorizationUrl: string;
  redirectUri: string;
  page: SignInPage;
  log?: Exchange[];
}): Promise<HeadlessSignIn> {
  const log = options.log ?? [];
  const jar = cookieJar();
  const pages: HeadlessSignIn["pages"] = [];
  let url = options.authorizationUrl;
  let init: RequestInit = { method: "GET" };
  for (let step = 0; step < 12; step++) {
    const answer = await httpExchange(log, url, {
      ...init,
      headers: { ...jar.header(url), ...(init.headers ?? {}) },
    });
    jar.store(url, answer.headers);
    if (answer.status >= 300 && answer.status < 400 && answer.location !== undefined) {
      if (isUnder(answer.location, options.redirectUri)) return { callback: answer.location, pages };
      url = answer.location;
      init = { method: "GET" };
      continue;
    }
    const where = url.split("?")[0];
    // After a sign-in, a 4xx page may be the form shown again with an error: read it to tell.
    const retried = answer.status >= 400 && answer.status < 500 && pages.at(-1)?.form === "sign-in";
    if (answer.status !== 200 && !retried) {
      const error = /data-error="([^"]+)"/.exec(answer.text)?.[1];
      throw new OauthFlowError(
        "sign-in",
        `${where} answered ${answer.status}${error === undefined ? "" : ` (${error})`} instead of a form or a redirect`,
        {
          status: answer.status,
          ...(error === undefined ? {} : { error }),
        },
      );
    }
    const title = /<title>([\s\S]*?)<\/title>/i.exec(answer.text)?.[1]?.trim() ?? "";
    const forms = parseForms(answer.text, url);
    const names = Object.keys(options.page.fields);
    const signIn = forms.find((form) =>
      names.every((name) => form.fields.some((field) => field.name === name)),
    );
    if (signIn !== undefined) {
      if (pages.some((page) => page.form === "sign-in")) {
        throw new OauthFlowError(
          "sign-in",
          `the sign-in form came back after it was filled (${where} answered ${answer.status}): the credentials were refused`,
          {
            status: answer.status,
          },
        );
      }
      pages.push({ form: "sign-in", title });
      ({ url, init } = submit(signIn, formBody(signIn, options.page.fields, signIn.buttons[0])));
      continue;
    }
    const consent = forms.find((form) => form.buttons.some((button) => approves(button, options.page)));
    const button = consent?.buttons.find((b) => approves(b, options.page));
    if (consent !== undefined && button !== undefined) {
      pages.push({ form: "consent", title });
      ({ url, init } = submit(consent, formBody(consent, {}, button)));
      continue;
    }
    throw new OauthFlowError(
      "sign-in",
      `${where} (${answer.status}, "${title}") has no sign-in form with fields ${names.join(", ")} and no approving button`,
    );
  }
  throw new OauthFlowError("sign-in", "more than 12 pages and redirects without reaching the redirect URI");
}

// A GET form sends its data as the action's query (replacing it), a POST form as the body.
function submit(form: HtmlForm, body: string): { url: string; init: RequestInit } {
  if (form.method === "GET") {
    const url = new URL(form.action);
    url.search = body;
    return { url: url.href, init: { method: "GET" } };
  }
  return {
    url: form.action,
    init: { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body },
  };
}

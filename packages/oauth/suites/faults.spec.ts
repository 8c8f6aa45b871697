import {
  assertMatrix,
  type ClientFault,
  NEGATIVE_CASES,
  type OauthSession,
  runNegativeMatrix,
} from "../src/index.ts";
import { expect, oauthTest as test } from "../src/oauthTest.ts";

// Each test switches one OAuth fault on — for the clients of the cases it runs, or for its own
// user — and shows the negative matrix fails, naming the case. Faults are per client or per user
// on the service, so nothing here touches the tests running beside it; the `oauth` fixture
// switches them off after the test. (`oauth_codes_in_memory` is in restart.spec.ts: only a
// restart shows it.)

const cases = (...names: RegExp[]) =>
  NEGATIVE_CASES.filter((negative) => names.some((name) => name.test(negative.name)));

async function matrixUnderClientFault(oauth: OauthSession, fault: ClientFault, names: RegExp[]) {
  const context = await oauth.matrixContext({ prepare: ({ client }) => oauth.clientFault(client, fault) });
  const selected = cases(...names);
  expect(selected.length).toBe(names.length);
  return runNegativeMatrix(context, selected);
}

test("oauth_plain_pkce: the matrix fails on code_challenge_method=plain, and counts the tokens it gave", async ({
  oauth,
}) => {
  const rows = await matrixUnderClientFault(oauth, "oauth_plain_pkce", [/^code_challenge_method=plain$/]);
  expect(() => assertMatrix(rows)).toThrow(
    /code_challenge_method=plain: expected redirect with error=invalid_request, state and iss, got accepted: a code, redeemed 200 with 2 token\(s\); 2 token\(s\) issued by mistake/,
  );
});

test("oauth_code_reuse: the matrix fails on the reused code", async ({ oauth }) => {
  const rows = await matrixUnderClientFault(oauth, "oauth_code_reuse", [/^reused code/]);
  expect(() => assertMatrix(rows)).toThrow(
    /reused code \(and the first use's tokens revoked\): expected 400 invalid_grant.*got 200 with 2 token\(s\); first access token 200 at \/mcp/,
  );
});

test("oauth_redirect_prefix: the matrix fails on every redirect URI that extends the registered one", async ({
  oauth,
}) => {
  const rows = await matrixUnderClientFault(oauth, "oauth_redirect_prefix", [
    /^redirect_uri with a trailing slash$/,
    /^redirect_uri with an extra query$/,
    /^redirect_uri with a fragment$/,
    /^redirect_uri on another port$/,
  ]);
  const error = (() => {
    try {
      assertMatrix(rows);
      return "";
    } catch (thrown) {
      return (thrown as Error).message;
    }
  })();
  expect(error).toMatch(/3 of 4 negative cases failed/);
  expect(error).toMatch(
    /redirect_uri with a trailing slash: expected no redirect: an error page \(4xx\), got accepted: a code sent to https:\/\/client\.assay\.test\/callback\//,
  );
  expect(error).toMatch(/redirect_uri with an extra query: .*got accepted/);
  expect(error).toMatch(/redirect_uri with a fragment: .*got accepted/);
  expect(error, "a URI that is no extension is still refused").not.toMatch(/another port/);
});

test("oauth_any_audience: the matrix fails on a token for another audience at /mcp", async ({ oauth }) => {
  const user = await oauth.user();
  await oauth.userFault(user.id ?? "", "oauth_any_audience");
  const rows = await runNegativeMatrix(
    await oauth.matrixContext({ user }),
    cases(/^a token for another audience/),
  );
  expect(() => assertMatrix(rows)).toThrow(
    /a token for another audience at \/mcp: expected 401 with WWW-Authenticate error="invalid_token", got 200: accepted/,
  );
});

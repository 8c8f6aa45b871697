import assert from "node:assert/strict";
import { test } from "node:test";
import { OauthError } from "./OauthError.ts";
import { readRegistration } from "./readRegistration.ts";

function refuses(body: unknown, error: string, message: RegExp): void {
  assert.throws(
    () => readRegistration(body),
    (thrown: unknown) =>
      thrown instanceof OauthError && thrown.error === error && message.test(thrown.message),
    JSON.stringify(body),
  );
}

test("defaults follow RFC 7591 and OpenID Connect Registration; unknown fields are ignored", () => {
  assert.deepEqual(readRegistration({ redirect_uris: ["https://app.example/cb"], logo_uri: "x" }), {
    redirect_uris: ["https://app.example/cb"],
    application_type: "web",
    token_endpoint_auth_method: "client_secret_basic",
    grant_types: ["authorization_code"],
    client_name: null,
    scope: "mcp",
  });
  const native = readRegistration({
    redirect_uris: ["http://127.0.0.1:9/cb"],
    application_type: "native",
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    client_name: "CLI",
  });
  assert.equal(native.application_type, "native");
  assert.deepEqual(native.grant_types, ["authorization_code", "refresh_token"]);
});

test("bad redirect URIs are invalid_redirect_uri; other bad metadata invalid_client_metadata", () => {
  refuses({}, "invalid_redirect_uri", /required/);
  refuses({ redirect_uris: ["http://localhost/cb"] }, "invalid_redirect_uri", /https/);
  refuses({ redirect_uris: ["https://app.example/cb#x"] }, "invalid_redirect_uri", /fragment/);
  refuses({ redirect_uris: [] }, "invalid_client_metadata", /1 to 10/);
  refuses(
    { redirect_uris: ["https://a.example/cb"], application_type: "desktop" },
    "invalid_client_metadata",
    /web/,
  );
  refuses(
    { redirect_uris: ["https://a.example/cb"], grant_types: ["implicit"] },
    "invalid_client_metadata",
    /grant_types/,
  );
  refuses(
    { redirect_uris: ["https://a.example/cb"], response_types: ["token"] },
    "invalid_client_metadata",
    /code/,
  );
  refuses({ redirect_uris: ["https://a.example/cb"], scope: "admin" }, "invalid_client_metadata", /scope/);
  refuses(
    { redirect_uris: ["https://a.example/cb"], token_endpoint_auth_method: "private_key_jwt" },
    "invalid_client_metadata",
    /one of/,
  );
  refuses([], "invalid_client_metadata", /one JSON object/);
});

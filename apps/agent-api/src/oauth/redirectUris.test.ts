import assert from "node:assert/strict";
import { test } from "node:test";
import { matchRedirectUri, redirectUriProblem } from "./redirectUris.ts";

test("web clients register https URIs off loopback; native ones loopback http, https or a private scheme", () => {
  assert.equal(redirectUriProblem("https://app.example/cb", "web"), null);
  assert.match(redirectUriProblem("http://app.example/cb", "web") ?? "", /https/);
  assert.match(redirectUriProblem("https://localhost/cb", "web") ?? "", /loopback/);
  assert.equal(redirectUriProblem("http://127.0.0.1:8123/cb", "native"), null);
  assert.equal(redirectUriProblem("http://[::1]/cb", "native"), null);
  assert.equal(redirectUriProblem("com.example.app:/cb", "native"), null);
  assert.match(redirectUriProblem("http://app.example/cb", "native") ?? "", /loopback/);
  assert.match(redirectUriProblem("myapp:/cb", "native") ?? "", /reverse-domain/);
  assert.match(redirectUriProblem("https://app.example/cb#x", "web") ?? "", /fragment/);
  assert.match(redirectUriProblem("https://u@app.example/cb", "web") ?? "", /user information/);
  assert.match(redirectUriProblem("/cb", "web") ?? "", /absolute/);
});

test("matching is exact; the prefix fault lets every extension of a registered URI through", () => {
  const registered = ["https://app.example/cb"];
  for (const variant of [
    "https://app.example/cb/",
    "https://app.example/CB",
    "https://app.example/cb?x=1",
    "https://app.example:8443/cb",
    "http://app.example/cb",
    "https://evil@app.example/cb",
    "https://app.example/cb#f",
  ]) {
    assert.equal(matchRedirectUri(variant, registered, false), false, variant);
  }
  assert.equal(matchRedirectUri("https://app.example/cb", registered, false), true);
  assert.equal(matchRedirectUri("https://app.example/cb/", registered, true), true);
  assert.equal(matchRedirectUri("https://app.example/cb?x=1", registered, true), true);
  assert.equal(matchRedirectUri("http://app.example/cb", registered, true), false);
});

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { contentType, resolveStaticPath } from "./resolveStaticPath.ts";

const ROOT = path.resolve("/srv/console");

// Fails when a console file inside the root is not found.
test("maps paths inside the root, index.html for directories", () => {
  assert.equal(resolveStaticPath(ROOT, "app.js"), path.join(ROOT, "app.js"));
  assert.equal(resolveStaticPath(ROOT, ""), path.join(ROOT, "index.html"));
  assert.equal(resolveStaticPath(ROOT, "css/"), path.join(ROOT, "css", "index.html"));
  assert.equal(resolveStaticPath(ROOT, "a%20b.css"), path.join(ROOT, "a b.css"));
});

// Fails when an encoded or dotted path escapes the console directory.
test("refuses every way out of the root", () => {
  for (const rest of [
    "../secret",
    "..%2f..%2fetc%2fpasswd",
    "a/../../x",
    "%2e%2e/x",
    "..",
    "a%00.js",
    "..\\x",
    "%E0%A4%A",
  ]) {
    assert.equal(resolveStaticPath(ROOT, rest), null, rest);
  }
  assert.equal(resolveStaticPath(ROOT, "/etc/passwd"), path.join(ROOT, "etc", "passwd"));
});

// Fails when a console file is served with the wrong content type.
test("content types", () => {
  assert.equal(contentType("index.html"), "text/html; charset=utf-8");
  assert.equal(contentType("app.js"), "text/javascript; charset=utf-8");
  assert.equal(contentType("styles.css"), "text/css; charset=utf-8");
  assert.equal(contentType("blob.bin"), "application/octet-stream");
});

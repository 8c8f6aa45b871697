import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { MCP_PATH } from "../mcp/handleMcp.ts";
import type { Services } from "../Services.ts";
import { MCP_RESOURCE_PATH, normalizeResource, publicOrigin, servedResources } from "./publicOrigin.ts";

function ctx(host: string | undefined, publicUrl?: string) {
  const req = { headers: host === undefined ? {} : { host } } as IncomingMessage;
  const services = { config: { publicUrl } } as unknown as Services;
  return { req, services };
}

test("the origin is the configured one, else http:// + a well-formed Host", () => {
  assert.equal(publicOrigin(ctx("127.0.0.1:4310")), "http://127.0.0.1:4310");
  assert.equal(publicOrigin(ctx("API.Example.com:80")), "http://api.example.com");
  assert.equal(publicOrigin(ctx("[::1]:4310")), "http://[::1]:4310");
  assert.equal(publicOrigin(ctx("evil.com/path")), null);
  assert.equal(publicOrigin(ctx("a@b")), null);
  assert.equal(publicOrigin(ctx(undefined)), null);
  assert.equal(publicOrigin(ctx("anything", "https://api.example.com")), "https://api.example.com");
});

test("resources: the MCP endpoint and the origin; normalization keeps path and query, refuses fragments", () => {
  assert.deepEqual(servedResources("http://h:1"), ["http://h:1/mcp", "http://h:1"]);
  assert.equal(normalizeResource("HTTP://H:1/mcp"), "http://h:1/mcp");
  assert.equal(normalizeResource("https://h:443/"), "https://h");
  assert.equal(normalizeResource("https://h/mcp/"), "https://h/mcp/");
  assert.equal(normalizeResource("https://h/mcp#x"), null);
  assert.equal(normalizeResource("https://u:p@h/mcp"), null);
  assert.equal(normalizeResource("h/mcp"), null);
  assert.equal(normalizeResource("urn:x"), null);
});

test("the resource path is the MCP endpoint's own", () => {
  assert.equal(MCP_RESOURCE_PATH, MCP_PATH);
});

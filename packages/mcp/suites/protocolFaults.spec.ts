import { expect, test } from "@assay/mcp/test";
import {
  checkStatus,
  checkToolsListStable,
  judgeRule,
  LATEST_SESSION_REVISION,
  PROTOCOL_RULES as RULES,
} from "../src/index.ts";
import { EVIL_ORIGIN, meta, openSession, rpc } from "./protocolEras.ts";

// Each test switches one of the reference's MCP faults on for a user of its own and shows that
// the check meant to catch it breaks, naming the rule. The `faults` fixture switches it off after.

test("mcp_origin_unchecked: origin-403 fails in both eras", async ({ mcp, users, faults }) => {
  const user = await users.create();
  await faults.enable(user.id, "mcp_origin_unchecked");
  const session = await mcp.connect({ user, era: "session", problems: "record" });
  const stateless = await mcp.connect({ user, era: "stateless", problems: "record" });
  const breaches = [
    ...checkStatus(await session.send({ body: rpc("tools/list"), headers: { Origin: EVIL_ORIGIN } }), 403),
    ...checkStatus(
      await stateless.send({ body: rpc("tools/list", { _meta: meta() }), headers: { Origin: EVIL_ORIGIN } }),
      403,
    ),
  ];
  expect(() => judgeRule(RULES["origin-403"], breaches)).toThrow(
    /MUST origin-403 broken: .*\n {2}POST tools\/list: HTTP 200, expected 403\n {2}POST tools\/list: HTTP 200, expected 403\n/,
  );
});

test("mcp_unknown_session_400: unknown-session-404 and terminated-session-404 fail", async ({
  mcp,
  users,
  faults,
}) => {
  const user = await users.create();
  await faults.enable(user.id, "mcp_unknown_session_400");
  const client = await openSession(mcp, LATEST_SESSION_REVISION);
  const other = await mcp.connect({ user, era: "session", problems: "record" });
  const unknown = await other.send({
    body: rpc("tools/list"),
    headers: { "Mcp-Session-Id": "assay-unknown-session" },
  });
  expect(() => judgeRule(RULES["unknown-session-404"], checkStatus(unknown, 404))).toThrow(
    /MUST unknown-session-404 broken: .*\n {2}POST tools\/list: HTTP 400, expected 404/,
  );
  const sessionId = other.sessionId ?? "";
  await other.close();
  const ended = await other.send({ body: rpc("tools/list"), headers: { "Mcp-Session-Id": sessionId } });
  expect(() => judgeRule(RULES["terminated-session-404"], checkStatus(ended, 404))).toThrow(
    /MUST terminated-session-404 broken: .*\n {2}POST tools\/list: HTTP 400, expected 404/,
  );
  // A user without the fault still gets 404: the fault, not the check, made the difference.
  const control = await client.send({
    body: rpc("tools/list"),
    headers: { "Mcp-Session-Id": "assay-unknown-session" },
  });
  expect(checkStatus(control, 404)).toEqual([]);
});

test("mcp_tools_list_unstable: tools-list-same-set fails, naming the tools a cursor walk repeats or misses", async ({
  mcp,
  users,
  faults,
}) => {
  const user = await users.create();
  await faults.enable(user.id, "mcp_tools_list_unstable");
  const listing = async () => {
    const client = await mcp.connect({ user, era: "stateless", problems: "record" });
    const names: string[] = [];
    // Walk the pages by hand so repeated names stay visible (listTools() keeps the first).
    let page = (await client.request("tools/list")).response;
    while (page !== undefined) {
      names.push(...(page.result?.tools ?? []).map((tool: { name: string }) => tool.name));
      const cursor = page.result?.nextCursor;
      page =
        typeof cursor === "string" ? (await client.request("tools/list", { cursor })).response : undefined;
    }
    return names;
  };
  // Each listing is shuffled anew, page by page: a walk over two pages of 22 tools comes out whole
  // with odds of 1 in 646,646, and two walks equal with far lower odds still.
  const [first, second] = [await listing(), await listing()];
  expect(() => judgeRule(RULES["tools-list-same-set"], checkToolsListStable(first, second))).toThrow(
    /MUST tools-list-same-set broken: .*\n {2}the (first|second) listing (names|lacks|adds) [a-z_]+/,
  );
  // The same walk without the fault holds: the fault made the difference.
  await faults.cleanup();
  expect(checkToolsListStable(await listing(), await listing(), { order: true })).toEqual([]);
});

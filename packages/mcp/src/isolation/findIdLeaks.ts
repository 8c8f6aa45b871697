import { findCanaryLeaks, type Leak } from "@assay/isolation";
import type { McpToolClient } from "./McpToolClient.ts";
import { exchangePlace } from "./recordMcpExchanges.ts";

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/**
 * The ids of one user (projects, contexts, conversations, runs: id → its owner's label) that
 * reached another user through MCP: every message of every exchange of `receivers` is scanned,
 * with the same search the canary oracle uses (`findCanaryLeaks`, ids standing for canaries). Ids are compared lower-cased. Leaks of ids a
 * receiver sent itself (e.g. user B naming user A's id in a request) are not counted, only what the
 * server sent back beyond them: the echo of an id the receiver already had carries nothing new.
 *
 * @example
 * const leaks = findIdLeaks(new Map([[aliceProjectId, "alice"]]), [{ user: "bob", client: bobMcp }]);
 */
export function findIdLeaks(
  owners: ReadonlyMap<string, string>,
  receivers: ReadonlyArray<{ user: string; client: Pick<McpToolClient, "exchanges"> }>,
): Leak[] {
  const lower = new Map([...owners].map(([id, owner]) => [id.toLowerCase(), owner]));
  const observations = receivers.flatMap(({ user, client }) =>
    client.exchanges.map((exchange) => {
      let text = JSON.stringify(exchange.messages).toLowerCase();
      // An id the receiver put in its own request and the server merely repeats is no leak.
      for (const sent of JSON.stringify(exchange.request ?? null)
        .toLowerCase()
        .match(UUID) ?? [])
        text = text.split(sent).join("");
      return { receiver: user, where: exchangePlace(exchange), value: text };
    }),
  );
  return findCanaryLeaks(observations, lower, new RegExp(UUID.source.replace(/A-F/g, ""), "g")).map(
    (leak): Leak => ({ ...leak, kind: "id" }),
  );
}

import { findCanaryLeaks, type Leak } from "@assay/isolation";
import type { McpToolClient } from "./McpToolClient.ts";
import { exchangePlace, receivedText } from "./recordMcpExchanges.ts";

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
      // An id the receiver put in its own request and the server merely repeats is no leak.
      return { receiver: user, where: exchangePlace(exchange), value: receivedText(exchange).toLowerCase() };
    }),
  );
  return findCanaryLeaks(observations, lower, new RegExp(UUID.source.replace(/A-F/g, ""), "g")).map(
    (leak): Leak => ({ ...leak, kind: "id" }),
  );
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { askWs } from "./askWs.ts";
import { createWsClient } from "./createWsClient.ts";
import { type ScriptedServer, startScriptedServer } from "./startScriptedServer.ts";

describe("askWs", () => {
  let server: ScriptedServer;
  before(async () => {
    // Answers a ping with a pong echoing its id, anything else with an error frame.
    server = await startScriptedServer({
      answer: (text) => {
        if (text === "silence") return undefined;
        const frame = (() => {
          try {
            return JSON.parse(text) as { type?: string; id?: string };
          } catch {
            return {};
          }
        })();
        return frame.type === "ping"
          ? { type: "pong", id: frame.id, ts: new Date().toISOString() }
          : { type: "error", error: { code: "invalid_json", message: "x", correlation_id: "c" } };
      },
    });
  });
  after(() => server.close());

  // Catches an ask that takes an earlier answer on the socket for the answer to this message.
  it("resolves with the answer that arrives after the send, never one received before it", async () => {
    const client = await createWsClient({ url: server.url, token: "t" });
    assert.equal((await askWs(client, "{not json")).type, "error");
    const pong = await askWs(client, { type: "ping", id: "second" });
    assert.deepEqual([pong.type, pong.id], ["pong", "second"]);
    await client.close();
  });

  // Catches an ask that counts any frame as the answer instead of the types asked for.
  it("takes only the answer types asked for, and fails with the event log when none comes", async () => {
    const client = await createWsClient({ url: server.url, token: "t" });
    const asked = askWs(client, { type: "ping", id: "p" }, { answers: ["project_switched"], timeout: 1500 });
    // The pong arrives while the ask waits, and still is not its answer.
    await client.waitFor({ type: "pong", id: "p" }, { timeout: 1500 });
    await assert.rejects(
      asked,
      /\[assay\/ws\] No frame matching predicate answer of type project_switched within 1500ms \(1 frames received\):\n {2}#0 .* pong {2}id=p/,
    );
    await assert.rejects(askWs(client, "silence", { timeout: 50 }), /within 50ms/);
    await client.close();
  });
});

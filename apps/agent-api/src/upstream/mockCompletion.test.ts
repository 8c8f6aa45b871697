import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCompletion } from "../agent/parseCompletion.ts";
import { mockCompletion } from "./mockCompletion.ts";

const user = (content: string) => ({ messages: [{ role: "user", content }] });

// Fails when the mock upstream's reply is not a completion the agent parses.
test("plain message: one content reply the agent can parse", () => {
  const answer = mockCompletion(user("hello"));
  assert.equal(answer.kind, "completion");
  const parsed = answer.kind === "completion" ? parseCompletion(answer.body) : null;
  assert.deepEqual(parsed, { kind: "content", content: "Echo: hello" });
});

// Fails when the mock calls tools in another order or replies before tool results.
test("#tool directives: tool calls first, content once tool results are back", () => {
  const first = mockCompletion(user("hi #tool:echo #tool:clock"));
  const parsed = first.kind === "completion" ? parseCompletion(first.body) : null;
  assert.equal(parsed?.kind, "tools");
  const calls = parsed?.kind === "tools" ? parsed.calls : [];
  assert.deepEqual(
    calls.map((call) => [call.name, call.input]),
    [
      ["echo", { text: "hi" }],
      ["clock", {}],
    ],
  );
  const second = mockCompletion({
    messages: [...user("hi #tool:echo").messages, { role: "tool", content: "{}" }],
  });
  assert.deepEqual(second.kind === "completion" && parseCompletion(second.body), {
    kind: "content",
    content: "Echo: hi",
  });
});

// Fails when a #upstream directive does not produce its failure.
test("#upstream directives map to their failure", () => {
  assert.equal(mockCompletion(user("#upstream:error")).kind, "error");
  assert.equal(mockCompletion(user("#upstream:invalid")).kind, "invalid");
  assert.equal(mockCompletion(user("#upstream:timeout")).kind, "timeout");
});

// Fails when a malformed upstream answer is taken for a completion.
test("parseCompletion refuses what is not a chat completion", () => {
  assert.equal(parseCompletion({ hello: "world" }), null);
  assert.equal(parseCompletion({ choices: [{ message: { role: "assistant", content: null } }] }), null);
  const badArgs = { id: "c", type: "function", function: { name: "echo", arguments: "{oops" } };
  assert.equal(
    parseCompletion({ choices: [{ message: { role: "assistant", tool_calls: [badArgs] } }] }),
    null,
  );
});

test("a memory request gets the three fields as JSON, from the conversation's own words", () => {
  const request = {
    messages: [
      { role: "system", content: "Summarise" },
      { role: "user", content: "Plan the trip to Lisbon. Which hotel is best? #tool:echo" },
      { role: "assistant", content: "Echo: Plan the trip" },
    ],
    response_format: { type: "json_schema", json_schema: { name: "conversation_memory" } },
  };
  const answer = mockCompletion(request);
  const parsed = answer.kind === "completion" ? parseCompletion(answer.body) : null;
  assert.equal(parsed?.kind, "content");
  const fields = JSON.parse(parsed?.kind === "content" ? parsed.content : "{}");
  assert.deepEqual(fields, {
    summary: "2 message(s); it started with: Plan the trip to Lisbon. Which hotel is best?",
    key_points: ["Plan the trip to Lisbon. Which hotel is best?"],
    open_questions: ["Which hotel is best?"],
  });
});

test("a memory request over a message with #upstream:error fails like any other", () => {
  const request = {
    messages: [{ role: "user", content: "remember this #upstream:error" }],
    response_format: { type: "json_schema", json_schema: { name: "conversation_memory" } },
  };
  assert.deepEqual(mockCompletion(request), { kind: "error" });
});

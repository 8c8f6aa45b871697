import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadContracts } from "@assay/contracts";

/**
 * The schema format of every payload: the contracts are JSON Schema draft 2020-12 (they say so in
 * `$schema` and use `$defs`), not the AsyncAPI default (a draft-07 superset), so the document
 * names their dialect instead of passing them off as draft-07. AsyncAPI 3.0 allows any format
 * name here; this one follows the spec's `application/schema+json;version=…` pattern.
 */
export const WS_SCHEMA_FORMAT = "application/schema+json;version=2020-12";

/** Frames the server sends on its own, grouped as the operations of the document. */
const SERVER_SENDS = {
  sendSessionReady: {
    types: ["session_ready"],
    summary: "The first frame after the upgrade: the socket is a session on a project.",
  },
  sendRunEvents: {
    types: [
      "agent_started",
      "agent_thinking",
      "tool_executing",
      "tool_completed",
      "agent_completed",
      "agent_error",
    ],
    summary:
      "A run's events, to every open socket of the conversation's owner and to no one else, in the grammar " +
      "agent_started (agent_thinking | tool_executing tool_completed)* (agent_completed | agent_error); " +
      "seq is 1 for agent_started, then rises by 1; a tool pair shares tool_call_id and tool_name.",
  },
} as const;

/** Client frames the server answers on the same socket, one at a time, in the order they came. */
const SERVER_ANSWERS = {
  receivePing: {
    types: ["ping"],
    replies: ["pong", "error"],
    summary: "A ping; the pong echoes its id when it had one.",
  },
  receiveSwitchProject: {
    types: ["switch_project"],
    replies: ["project_switched", "error"],
    summary:
      "Moves the session to another of the user's projects; another user's or an unknown project is not_found.",
  },
  receiveReplay: {
    types: ["replay"],
    replies: [...SERVER_SENDS.sendRunEvents.types, "replay_done", "error"],
    summary:
      "The run's stored events after after_seq, as the event frames they were, then replay_done; another user's run is not_found.",
  },
} as const;

/**
 * Client frames have no contract files (the service reads them); their schemas are written here.
 * Keys the service does not read are ignored, so they stay open.
 */
const id = { type: "string", description: "Echoed in the answer when given." };
const CLIENT_FRAMES: Record<string, { title: string; schema: Record<string, unknown> }> = {
  ping: {
    title: "ping frame",
    schema: frame("ping", { id }, []),
  },
  switch_project: {
    title: "switch_project frame",
    schema: frame("switch_project", { project_id: { type: "string" }, id }, ["project_id"]),
  },
  replay: {
    title: "replay frame",
    schema: frame(
      "replay",
      {
        run_id: { type: "string" },
        after_seq: { type: "integer", minimum: 0, maximum: 2 ** 31 - 1, default: 0 },
        id,
      },
      ["run_id"],
    ),
  },
};

const CONTRACTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.resolve("@assay/contracts"))),
  "..",
);

/**
 * The AsyncAPI 3.0 document of the WebSocket API `GET /v1/ws`, seen from the backend: what it
 * sends (session_ready, the run events) and what it receives and answers (ping → pong,
 * switch_project → project_switched, replay → the run's events + replay_done, anything else →
 * error). Built from `contracts/` at call time: each server frame's payload is its `ws/` contract
 * file itself, with its `$id`, plus `defs/common.v1` so the contracts' relative `$ref`s resolve
 * inside the document; nothing is copied. Client frames, which have no contract files, are
 * written here.
 *
 * @example
 * writeFileSync("ws.asyncapi.json", JSON.stringify(wsEventsAsyncApi(), null, 2));
 */
export function wsEventsAsyncApi(contractsDir: string = CONTRACTS_DIR): Record<string, unknown> {
  const byId = new Map(loadContracts(contractsDir).map((contract) => [contract.id, contract.schema]));
  const contract = (contractId: string) => {
    const schema = byId.get(contractId);
    if (schema === undefined)
      throw new Error(`[assay/ws] contract ${contractId} is missing from ${contractsDir}.`);
    return schema;
  };
  const serverTypes = [
    ...new Set([...Object.values(SERVER_SENDS), ...Object.values(SERVER_ANSWERS)].flatMap(serverFrames)),
  ];
  const schemas: Record<string, unknown> = { "defs.common.v1": multiFormat(contract("defs/common.v1")) };
  const messages: Record<string, unknown> = {};
  for (const type of serverTypes) {
    const contractId = `ws/${type.replaceAll("_", "-")}.v1`;
    const schema = contract(contractId);
    schemas[component(contractId)] = multiFormat(schema);
    messages[type] = message(type, schema, { $ref: `#/components/schemas/${component(contractId)}` });
  }
  for (const [type, { title, schema }] of Object.entries(CLIENT_FRAMES)) {
    messages[type] = message(type, { title, description: schema.description }, multiFormat(schema));
  }
  const onChannel = (type: string) => ({ $ref: `#/channels/session/messages/${type}` });
  const channel = { $ref: "#/channels/session" };
  const operations: Record<string, unknown> = {};
  for (const [name, { types, summary }] of Object.entries(SERVER_SENDS)) {
    operations[name] = { action: "send", channel, summary, messages: types.map(onChannel) };
  }
  for (const [name, { types, replies, summary }] of Object.entries(SERVER_ANSWERS)) {
    operations[name] = {
      action: "receive",
      channel,
      summary,
      messages: types.map(onChannel),
      reply: { channel, messages: replies.map(onChannel) },
    };
  }

  return {
    asyncapi: "3.0.0",
    info: {
      title: "Assay agent backend WebSocket API",
      version: "1.0.0",
      description:
        "The WebSocket events a backend under test by Assay sends and the client frames it answers, seen from the backend (send: the backend sends; receive: the client sends). Every frame is one JSON object with a string type. Payload schemas are JSON Schema draft 2020-12 (schemaFormat " +
        `${WS_SCHEMA_FORMAT}), the contract files of contracts/ws with their $id.`,
    },
    defaultContentType: "application/json",
    servers: {
      local: {
        host: "localhost:4300",
        protocol: "ws",
        description: "The reference backend as `pnpm dev` starts it; use wss and your host for staging.",
        security: [
          { $ref: "#/components/securitySchemes/bearer" },
          { $ref: "#/components/securitySchemes/subprotocol" },
        ],
      },
    },
    channels: {
      session: {
        address: "/v1/ws",
        title: "A session socket",
        description:
          "One socket is one session of one user on one project. A refused upgrade is answered with the JSON error envelope and no socket: 401 (bad or missing token), 400 validation_failed, 404, 405, 431. A client frame that is not JSON or binary is answered with an error frame invalid_json, one of the wrong shape validation_failed, one of another type unknown_message_type; the socket stays open. The server closes with 1008 (over 1,000 frames in flight), 1009 (a message over 1 MiB) and 4401 (the token expired while the socket was open).",
        messages: Object.fromEntries(
          Object.keys(messages).map((type) => [type, { $ref: `#/components/messages/${type}` }]),
        ),
        bindings: { ws: { method: "GET", bindingVersion: "0.1.0" } },
      },
    },
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "Authorization: Bearer <JWT> on the upgrade request.",
        },
        subprotocol: {
          type: "httpApiKey",
          name: "Sec-WebSocket-Protocol",
          in: "header",
          description:
            'For browsers, which cannot set headers on an upgrade: the subprotocols ["assay.v1", "bearer.<JWT>"]; the server selects assay.v1.',
        },
      },
    },
  };
}

function serverFrames(operation: { types: readonly string[]; replies?: readonly string[] }): string[] {
  // A receive operation's own types are client frames; only what the server sends has a contract.
  return operation.replies === undefined ? [...operation.types] : [...operation.replies];
}

function frame(type: string, properties: Record<string, unknown>, required: string[]) {
  return {
    type: "object",
    properties: { type: { const: type }, ...properties },
    required: ["type", ...required],
  };
}

function multiFormat(schema: unknown) {
  return { schemaFormat: WS_SCHEMA_FORMAT, schema };
}

function message(type: string, described: Record<string, unknown>, payload: unknown) {
  return {
    name: type,
    ...(typeof described.title === "string" ? { title: described.title } : {}),
    ...(typeof described.description === "string" ? { summary: described.description } : {}),
    contentType: "application/json",
    payload,
  };
}

function component(contractId: string): string {
  return contractId.replaceAll("/", ".");
}

/** The kinds of id a user owns. */
export type IdKind = "project" | "session" | "context" | "conversation" | "run";

/** One of each kind of id, all owned by one user. */
export type OwnedIds = Record<IdKind, string>;

/** Where a row puts the id under test. */
export type IdPlace = "path" | "body" | "header" | "query";

/** An HTTP route that takes an id, with a body and query valid for it. */
export interface HttpBolaRow {
  surface: "http";
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As `GET /v1/test-support/routes` lists it. */
  pattern: string;
  /** Which kind of id the row puts at `place`. */
  id: IdKind;
  place: IdPlace;
  /**
   * Builds the request from the id under test and the attacker's own ids, so that the id under
   * test is the only thing that differs between the victim's id and a random one.
   */
  request(id: string, own: OwnedIds): { path: string; data?: unknown; headers?: Record<string, string> };
}

/** A WebSocket client message that takes an id. */
export interface WsBolaRow {
  surface: "ws";
  message: string;
  id: IdKind;
  frame(id: string, tag: string): Record<string, unknown>;
}

export type BolaRow = HttpBolaRow | WsBolaRow;

const SESSION = "x-assay-session";
const path = (
  method: HttpBolaRow["method"],
  pattern: string,
  id: IdKind,
  data?: (own: OwnedIds) => unknown,
) =>
  ({
    surface: "http",
    method,
    pattern,
    id,
    place: "path",
    request: (value, own) => ({ path: pattern.replace(":id", value), data: data?.(own) }),
  }) satisfies HttpBolaRow;

/**
 * THE table of the service's id-taking routes and WebSocket messages: every place a user can
 * hand the service an id. The BOLA matrix tries each with another user's id and with a random one;
 * `diffRouteTable` fails when the service lists a user route with `:id` that is not here.
 * Destructive rows come last, so a row that wrongly succeeds cannot hide the rows after it.
 *
 * @example
 * BOLA_TABLE.filter((row) => row.surface === "http" && row.place === "path").length;
 */
export const BOLA_TABLE: readonly BolaRow[] = [
  path("GET", "/v1/projects/:id", "project"),
  path("GET", "/v1/sessions/:id", "session"),
  path("GET", "/v1/contexts/:id", "context"),
  path("GET", "/v1/conversations/:id", "conversation"),
  path("GET", "/v1/conversations/:id/messages", "conversation"),
  path("GET", "/v1/runs/:id", "run"),
  path("GET", "/v1/runs/:id/events", "run"),
  path("GET", "/v1/conversations/:id/memory", "conversation"),
  path("POST", "/v1/conversations/:id/memory/update", "conversation"),
  path("POST", "/v1/conversations/:id/messages", "conversation", () => ({ content: "bola probe" })),
  path("PATCH", "/v1/projects/:id", "project", () => ({ name: "bola probe" })),
  path("PUT", "/v1/sessions/:id/project", "session", (own) => ({ project_id: own.project })),
  {
    surface: "http",
    method: "PUT",
    pattern: "/v1/sessions/:id/project",
    id: "project",
    place: "body",
    request: (value, own) => ({ path: `/v1/sessions/${own.session}/project`, data: { project_id: value } }),
  },
  {
    surface: "http",
    method: "POST",
    pattern: "/v1/sessions",
    id: "project",
    place: "body",
    request: (value) => ({ path: "/v1/sessions", data: { project_id: value } }),
  },
  {
    surface: "http",
    method: "POST",
    pattern: "/v1/conversations",
    id: "project",
    place: "body",
    request: (value) => ({ path: "/v1/conversations", data: { title: "bola probe", project_id: value } }),
  },
  {
    surface: "http",
    method: "POST",
    pattern: "/v1/conversations",
    id: "session",
    place: "header",
    request: (value) => ({
      path: "/v1/conversations",
      data: { title: "bola probe" },
      headers: { [SESSION]: value },
    }),
  },
  {
    surface: "http",
    method: "GET",
    pattern: "/v1/contexts",
    id: "session",
    place: "header",
    request: (value) => ({ path: "/v1/contexts", headers: { [SESSION]: value } }),
  },
  {
    surface: "http",
    method: "GET",
    pattern: "/v1/contexts/recall",
    id: "session",
    place: "header",
    request: (value) => ({ path: "/v1/contexts/recall?topic=bola", headers: { [SESSION]: value } }),
  },
  {
    surface: "http",
    method: "POST",
    pattern: "/v1/contexts",
    id: "session",
    place: "header",
    request: (value) => ({
      path: "/v1/contexts",
      data: { topic: "bola probe", content: "bola probe" },
      headers: { [SESSION]: value },
    }),
  },
  {
    surface: "ws",
    message: "switch_project",
    id: "project",
    frame: (id, tag) => ({ type: "switch_project", project_id: id, id: tag }),
  },
  {
    surface: "ws",
    message: "replay",
    id: "run",
    frame: (id, tag) => ({ type: "replay", run_id: id, id: tag }),
  },
  path("DELETE", "/v1/conversations/:id", "conversation"),
  path("DELETE", "/v1/projects/:id", "project"),
];

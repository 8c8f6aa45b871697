import { getConsoleFile, redirectToConsole } from "./handlers/consoleFiles.ts";
import { getContext, getContextRecall, getContexts, postContext } from "./handlers/contexts.ts";
import {
  createConversation,
  getConversation,
  getConversations,
  removeConversation,
} from "./handlers/conversations.ts";
import { getHealth } from "./handlers/health.ts";
import { getJwks, getMe } from "./handlers/identity.ts";
import { getMessages, postMessage } from "./handlers/messages.ts";
import { createProject, getProject, getProjects, patchProject, removeProject } from "./handlers/projects.ts";
import { getRun, getRunEvents } from "./handlers/runs.ts";
import { createSession, getSession, putSessionProject } from "./handlers/sessions.ts";
import { getFaults, getRouteTable, putFault } from "./handlers/testSupportService.ts";
import { getStats } from "./handlers/testSupportStats.ts";
import { createSignedToken, createUserToken } from "./handlers/testSupportTokens.ts";
import {
  createTestUser,
  deleteTestUser,
  getTaggedUsers,
  sweepTaggedUsers,
} from "./handlers/testSupportUsers.ts";
import { HttpError } from "./http/HttpError.ts";
import type { AuthKind, Handler, HttpMethod, Route } from "./http/Route.ts";
import { checkMcpOrigin, handleMcp, MCP_PATH } from "./mcp/handleMcp.ts";

/** The WebSocket path; its upgrade is handled before routing (see `handleUpgrade`). */
export const WS_PATH = "/v1/ws";

const upgradeRequired: Handler = async () => {
  throw new HttpError(426, "validation_failed", "Open /v1/ws as a WebSocket (Upgrade: websocket).", {
    upgrade: "websocket",
  });
};

// One line per route keeps the table readable; `body` says whether the route reads JSON.
function route(method: HttpMethod, pattern: string, auth: AuthKind, body: boolean, handler: Handler): Route {
  return { method, pattern, auth, body, handler };
}

// The MCP endpoint reads its own body (JSON-RPC errors, not the envelope) and checks Origin
// before the token, so a forged Origin is 403 whoever sends it.
function mcpRoute(method: HttpMethod): Route {
  return { ...route(method, MCP_PATH, "user", false, handleMcp), before: checkMcpOrigin };
}

/**
 * Every HTTP route of the service, as data: method, pattern, auth kind, whether it reads a body.
 * The test-support API lists it (`GET /v1/test-support/routes`), so the isolation suite's BOLA
 * table is checked against this very array. Order matters where patterns overlap: the first
 * match wins (`/v1/contexts/recall` before `/v1/contexts/:id`). `/v1/contexts/:id` has only GET
 * on purpose: PUT, PATCH and DELETE answer 405, contexts being immutable.
 * @example routes.filter((route) => route.auth === "admin")
 */
export const routes: readonly Route[] = [
  route("GET", "/health", "none", false, getHealth),
  route("GET", "/.well-known/jwks.json", "none", false, getJwks),
  route("GET", "/v1/me", "user", false, getMe),
  route("POST", "/v1/projects", "user", true, createProject),
  route("GET", "/v1/projects", "user", false, getProjects),
  route("GET", "/v1/projects/:id", "user", false, getProject),
  route("PATCH", "/v1/projects/:id", "user", true, patchProject),
  route("DELETE", "/v1/projects/:id", "user", false, removeProject),
  route("POST", "/v1/sessions", "user", true, createSession),
  route("GET", "/v1/sessions/:id", "user", false, getSession),
  route("PUT", "/v1/sessions/:id/project", "user", true, putSessionProject),
  route("POST", "/v1/contexts", "user", true, postContext),
  route("GET", "/v1/contexts", "user", false, getContexts),
  route("GET", "/v1/contexts/recall", "user", false, getContextRecall),
  route("GET", "/v1/contexts/:id", "user", false, getContext),
  route("POST", "/v1/conversations", "user", true, createConversation),
  route("GET", "/v1/conversations", "user", false, getConversations),
  route("GET", "/v1/conversations/:id", "user", false, getConversation),
  route("DELETE", "/v1/conversations/:id", "user", false, removeConversation),
  route("POST", "/v1/conversations/:id/messages", "user", true, postMessage),
  route("GET", "/v1/conversations/:id/messages", "user", false, getMessages),
  route("GET", "/v1/runs/:id", "user", false, getRun),
  route("GET", "/v1/runs/:id/events", "user", false, getRunEvents),
  route("GET", WS_PATH, "user", false, upgradeRequired),
  mcpRoute("POST"),
  mcpRoute("GET"),
  mcpRoute("DELETE"),
  route("POST", "/v1/test-support/users", "admin", true, createTestUser),
  route("GET", "/v1/test-support/users", "admin", false, getTaggedUsers),
  route("DELETE", "/v1/test-support/users", "admin", false, sweepTaggedUsers),
  route("DELETE", "/v1/test-support/users/:id", "admin", false, deleteTestUser),
  route("POST", "/v1/test-support/users/:id/tokens", "admin", true, createUserToken),
  route("POST", "/v1/test-support/tokens", "admin", true, createSignedToken),
  route("GET", "/v1/test-support/routes", "admin", false, getRouteTable),
  route("GET", "/v1/test-support/stats", "admin", false, getStats),
  route("GET", "/v1/test-support/faults", "admin", false, getFaults),
  route("PUT", "/v1/test-support/faults", "admin", true, putFault),
  route("GET", "/", "none", false, redirectToConsole),
  route("GET", "/console", "none", false, redirectToConsole),
  route("GET", "/console/*", "none", false, getConsoleFile),
];

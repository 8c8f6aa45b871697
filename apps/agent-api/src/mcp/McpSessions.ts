import { randomUUID } from "node:crypto";
import { type Server, WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
import { defaultProjectId } from "../db/projectStore.ts";
import { deleteSession, insertSession } from "../db/sessionStore.ts";
import type { User } from "../http/Route.ts";
import { describeError } from "../log.ts";
import type { Services } from "../Services.ts";
import { createMcpServer } from "./createMcpServer.ts";

/** One live session-era MCP session: its owner, its SDK transport and server, when last used. */
export type McpSession = {
  id: string;
  userId: string;
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  lastSeen: number;
};

/** A user may hold this many sessions; opening one more ends the least recently used. */
export const MAX_SESSIONS_PER_USER = 50;

/**
 * The session era's sessions, in memory, each tied to the user who opened it: another user's
 * session id is looked up like an unknown one (404). A session ends on DELETE, after
 * `idleMs` without a request, past {@link MAX_SESSIONS_PER_USER}, or at shutdown; its Assay
 * session row (which holds its current project) goes with it.
 * @example const sessions = new McpSessions(services, 30 * 60_000);
 */
export class McpSessions {
  #sessions = new Map<string, McpSession>();
  #services: () => Services;
  #idleMs: number;
  #sweeper: NodeJS.Timeout;

  constructor(services: () => Services, idleMs: number) {
    this.#services = services;
    this.#idleMs = idleMs;
    this.#sweeper = setInterval(() => this.sweep(), Math.max(250, Math.min(idleMs / 2, 60_000)));
    this.#sweeper.unref();
  }

  /** How many sessions are open. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * A transport for a new session (answering `initialize`): the session is registered, with its
   * Assay session row on the default project, once the SDK has accepted the initialize.
   */
  async open(user: User): Promise<WebStandardStreamableHTTPServerTransport> {
    const services = this.#services();
    const id = randomUUID();
    const server = createMcpServer({ services, user, era: "session", session: { id, userId: user.id } });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      enableJsonResponse: true,
      onsessioninitialized: async () => {
        await insertSession(services.pool, user.id, await defaultProjectId(services.pool, user.id), id);
        this.#sessions.set(id, { id, userId: user.id, transport, server, lastSeen: Date.now() });
        this.#evictBeyondLimit(user.id);
      },
      onsessionclosed: () => this.close(id),
    });
    await server.connect(transport);
    return transport;
  }

  /** The caller's live session with this id (touched), or null: unknown, ended, or another user's. */
  find(id: string, userId: string): McpSession | null {
    const session = this.#sessions.get(id);
    if (session === undefined || session.userId !== userId) return null;
    session.lastSeen = Date.now();
    return session;
  }

  /** Ends a session: forgets it, closes its server and deletes its Assay session row. */
  async close(id: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    const services = this.#services();
    try {
      await session.server.close();
      await deleteSession(services.pool, session.userId, id);
    } catch (error) {
      services.log.warn("mcp_session_close_failed", { session_id: id, ...describeError(error) });
    }
  }

  /** Ends every session idle for longer than the limit. */
  sweep(now = Date.now()): void {
    for (const session of [...this.#sessions.values()])
      if (now - session.lastSeen > this.#idleMs) void this.close(session.id);
  }

  /** Ends every session and stops the sweeper (shutdown). */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.all([...this.#sessions.keys()].map((id) => this.close(id)));
  }

  #evictBeyondLimit(userId: string): void {
    const own = [...this.#sessions.values()].filter((session) => session.userId === userId);
    own.sort((a, b) => a.lastSeen - b.lastSeen);
    for (const session of own.slice(0, Math.max(0, own.length - MAX_SESSIONS_PER_USER)))
      void this.close(session.id);
  }
}

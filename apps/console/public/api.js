// @ts-check

/** @typedef {{ id: string, email: string, display_name: string, created_at: string }} User */
/** @typedef {{ id: string, title: string, created_at: string, updated_at: string }} Conversation */
/** @typedef {{ id: string, conversation_id: string, role: "user" | "assistant", content: string, created_at: string }} Message */
/** @typedef {{ id: string, conversation_id: string, status: "running" | "completed" | "failed", created_at: string, finished_at: string | null }} Run */

/** An error answer of the API, with the envelope's code and message. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/**
 * A small client of the agent-api routes the console uses, same origin, bearer auth.
 * @param {string} token
 * @example const api = createApi(token); const me = await api.me();
 */
export function createApi(token) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async function call(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text === "" ? null : JSON.parse(text);
    if (!response.ok) {
      const error = parsed?.error ?? { code: "unknown", message: `HTTP ${response.status}` };
      throw new ApiError(response.status, error.code, error.message);
    }
    return parsed;
  }
  return {
    /** @returns {Promise<User>} */
    me: () => call("GET", "/v1/me"),
    /** @returns {Promise<{ items: Conversation[] }>} */
    listConversations: () => call("GET", "/v1/conversations"),
    /** @param {string} title @returns {Promise<Conversation>} */
    createConversation: (title) => call("POST", "/v1/conversations", { title }),
    /** @param {string} id @returns {Promise<{ items: Message[] }>} */
    listMessages: (id) => call("GET", `/v1/conversations/${encodeURIComponent(id)}/messages`),
    /** @param {string} id @param {string} content @returns {Promise<{ message: Message, run: Run }>} */
    postMessage: (id, content) =>
      call("POST", `/v1/conversations/${encodeURIComponent(id)}/messages`, { content }),
    /** @param {string} runId @returns {Promise<{ items: import("./formatEvent.js").RunEvent[] }>} */
    runEvents: (runId) => call("GET", `/v1/runs/${encodeURIComponent(runId)}/events`),
  };
}

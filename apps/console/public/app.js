// @ts-check
import { ApiError, createApi } from "./api.js";
import { connectSocket } from "./connectSocket.js";
import { renderRun } from "./renderRun.js";

/** @typedef {import("./renderRun.js").Event} Event */

/** @param {string} testId @returns {HTMLElement} */
const byTestId = (testId) => /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${testId}"]`));
/** @param {string} id @returns {HTMLElement} */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} testId @returns {HTMLInputElement} */
const input = (testId) => /** @type {HTMLInputElement} */ (byTestId(testId));

/** @type {ReturnType<typeof createApi> | null} */
let api = null;
/** @type {{ close: () => void } | null} */
let socket = null;
/** @type {string | null} */
let conversationId = null;
/** @type {string | null} */
let runId = null;
/** Events by run id, then by seq: a run's first events may arrive before its 202 does. */
const eventsByRun = /** @type {Map<string, Map<number, Event>>} */ (new Map());

/** @param {unknown} error */
function showError(error) {
  const banner = byTestId("error-banner");
  banner.textContent = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
  banner.hidden = false;
}

function clearError() {
  byTestId("error-banner").hidden = true;
}

/** @param {boolean} connected */
function setSocketStatus(connected) {
  const status = byTestId("ws-status");
  status.textContent = connected ? "connected" : "disconnected";
  status.dataset.state = status.textContent;
}

/** @param {string} token */
async function signIn(token) {
  clearError();
  const candidate = createApi(token);
  const user = await candidate.me();
  api = candidate;
  byTestId("signed-in-as").textContent = `${user.display_name} <${user.email}>`;
  for (const element of [byTestId("signed-in-as"), byId("sign-out"), byId("workspace")])
    element.hidden = false;
  byId("sign-in-form").hidden = true;
  socket = connectSocket(token, { onFrame: receive, onStatus: setSocketStatus });
  await loadConversations();
}

function signOut() {
  socket?.close();
  location.reload();
}

async function loadConversations() {
  if (api === null) return;
  const list = byId("conversation-list");
  list.replaceChildren();
  for (const conversation of (await api.listConversations()).items) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.testid = "conversation-item";
    button.dataset.id = conversation.id;
    button.textContent = conversation.title;
    button.classList.toggle("active", conversation.id === conversationId);
    button.addEventListener("click", () =>
      openConversation(conversation.id, conversation.title).catch(showError),
    );
    const item = document.createElement("li");
    item.append(button);
    list.append(item);
  }
}

/** @param {string} id @param {string} title */
async function openConversation(id, title) {
  conversationId = id;
  runId = null;
  byId("chat").hidden = false;
  byId("chat-empty").hidden = true;
  byId("run").hidden = true;
  byId("chat-title").textContent = title;
  await Promise.all([loadMessages(), loadConversations()]);
}

async function loadMessages() {
  if (api === null || conversationId === null) return;
  const list = byId("message-list");
  list.replaceChildren();
  for (const message of (await api.listMessages(conversationId)).items) {
    const item = document.createElement("li");
    item.className = message.role;
    item.textContent = message.content;
    list.append(item);
  }
  list.scrollTop = list.scrollHeight;
}

/** @param {any} frame */
function receive(frame) {
  if (frame.type === "session_ready" && runId !== null) void catchUp(runId);
  if (typeof frame.run_id !== "string" || typeof frame.seq !== "number") return;
  const events = eventsByRun.get(frame.run_id) ?? new Map();
  events.set(frame.seq, frame);
  eventsByRun.set(frame.run_id, events);
  if (frame.run_id === runId) showRun();
}

/** After a reconnect, the stored events fill whatever the socket missed. @param {string} id */
async function catchUp(id) {
  if (api === null) return;
  for (const event of (await api.runEvents(id)).items) receive(event);
}

function showRun() {
  if (runId === null) return;
  const view = {
    list: byTestId("event-list"),
    status: byTestId("run-status"),
    reply: byTestId("assistant-reply"),
  };
  const status = renderRun([...(eventsByRun.get(runId)?.values() ?? [])], view);
  if (status !== "running") void loadMessages().catch(showError);
}

/** @param {string} content */
async function send(content) {
  if (api === null || conversationId === null) return;
  clearError();
  const accepted = await api.postMessage(conversationId, content);
  runId = accepted.run.id;
  byId("run").hidden = false;
  showRun();
  await loadMessages();
}

/** @param {string} formId @param {() => Promise<void>} action */
function onSubmit(formId, action) {
  byId(formId).addEventListener("submit", (event) => {
    event.preventDefault();
    action().catch(showError);
  });
}

onSubmit("sign-in-form", () => signIn(input("token-input").value.trim()));
onSubmit("new-conversation", async () => {
  if (api === null) return;
  const conversation = await api.createConversation(input("new-conversation-title").value.trim());
  input("new-conversation-title").value = "";
  await openConversation(conversation.id, conversation.title);
});
onSubmit("send-form", async () => {
  const content = input("message-input").value;
  input("message-input").value = "";
  await send(content);
});
byId("sign-out").addEventListener("click", signOut);

// A token in the fragment never reaches a server log; drop it from the address bar at once.
const fragmentToken = new URLSearchParams(location.hash.slice(1)).get("token");
if (fragmentToken) {
  history.replaceState(null, "", location.pathname + location.search);
  input("token-input").value = fragmentToken;
  signIn(fragmentToken).catch(showError);
}

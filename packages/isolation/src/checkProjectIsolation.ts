import { askWs, type WsClient } from "@assay/ws";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { checkContract } from "./checkErrorResponse.ts";

export interface ProjectIsolationInput {
  /** One user's API client; the check creates its own projects and an HTTP session. */
  api: APIRequestContext;
  /** An open socket of the same user: the second session (its `session_ready` must have arrived). */
  ws: WsClient;
  /** Switches per session (default 20), run concurrently on both sessions. */
  rounds?: number;
  /** Text planted in names and content, e.g. the leak oracle's canary for this user. */
  mark?: () => string;
}

export interface ProjectIsolationReport {
  switches: number;
  problems: string[];
}

const SESSION = "x-assay-session";
type Json = Record<string, unknown>;

/**
 * Two sessions of one user (an HTTP session and the socket's) switch projects concurrently, many
 * times; after each switch the session must be on the project it asked for, whatever the other
 * did. Then a context locked in project A must never be recalled or listed in project B, while
 * A recalls it and B, switched to A, does too. Never throws for a finding; see
 * {@link assertProjectIsolation}.
 *
 * @example
 * const { problems } = await checkProjectIsolation({ api: alice.api, ws });
 */
export async function checkProjectIsolation(input: ProjectIsolationInput): Promise<ProjectIsolationReport> {
  const { api, ws, rounds = 20 } = input;
  const mark = input.mark ?? (() => "isolation");
  const problems: string[] = [];
  const ready = (await ws.sessionReady).data as Json;
  const socketSession = String(ready.session_id);
  const defaultProject = String(ready.project_id);
  const a = await create(api, "/v1/projects", { name: `A ${mark()}` }, "http/project.v1", problems);
  const b = await create(api, "/v1/projects", { name: `B ${mark()}` }, "http/project.v1", problems);
  const httpSession = await create(api, "/v1/sessions", { project_id: a }, "http/session.v1", problems);
  if (problems.length > 0) return { switches: 0, problems };

  const cycle = [a, b, defaultProject];
  const switchHttp = async (i: number) => {
    const target = cycle[i % 3] as string;
    const answer = await api.put(`/v1/sessions/${httpSession}/project`, { data: { project_id: target } });
    const body = (await answer.json().catch(() => ({}))) as Json;
    if (i === 0) checkContract("http/session.v1", body, "PUT /v1/sessions/:id/project", problems);
    if (answer.status() !== 200 || body.project_id !== target)
      problems.push(
        `PUT /v1/sessions/:id/project (switch ${i + 1}): HTTP ${answer.status()}, on ${name(body.project_id)}, asked ${name(target)}`,
      );
    await expectOn(api, httpSession, target, `HTTP session after switch ${i + 1}`);
  };
  const switchWs = async (i: number) => {
    const target = cycle[(i + 1) % 3] as string;
    const answer = await askWs(ws, { type: "switch_project", project_id: target, id: `switch-${i}` });
    if (i === 0) checkContract("ws/project-switched.v1", answer, "WS project_switched", problems);
    if (
      answer.type !== "project_switched" ||
      answer.project_id !== target ||
      answer.session_id !== socketSession
    )
      problems.push(
        `WS switch_project (switch ${i + 1}): answered ${String(answer.type)} on ${name(answer.project_id)}, asked ${name(target)}`,
      );
    await expectOn(api, socketSession, target, `socket session after switch ${i + 1}`);
  };
  const name = (id: unknown) =>
    id === a
      ? "project A"
      : id === b
        ? "project B"
        : id === defaultProject
          ? "the default project"
          : `project ${String(id)}`;
  const expectOn = async (client: APIRequestContext, session: string, project: string, what: string) => {
    const body = (await (await client.get(`/v1/sessions/${session}`)).json().catch(() => ({}))) as Json;
    if (body.project_id !== project)
      problems.push(
        `GET /v1/sessions/:id: the ${what} is on ${name(body.project_id)}, expected ${name(project)}`,
      );
  };
  await Promise.all([
    (async () => {
      for (let i = 0; i < rounds; i += 1) await switchHttp(i);
    })(),
    (async () => {
      for (let i = 0; i < rounds; i += 1) await switchWs(i);
    })(),
  ]);

  // Settle: the HTTP session on A, the socket on B.
  await api.put(`/v1/sessions/${httpSession}/project`, { data: { project_id: a } });
  await askWs(ws, { type: "switch_project", project_id: b });
  const topic = `topic ${mark()}`;
  const inA = { [SESSION]: httpSession };
  const inB = { [SESSION]: socketSession };
  const locked = await api.post("/v1/contexts", {
    headers: inA,
    data: { topic, content: `content ${mark()}`, tags: ["isolation"] },
  });
  const context = (await locked.json().catch(() => ({}))) as Json;
  checkContract("http/context.v1", context, "POST /v1/contexts", problems);
  if (locked.status() !== 201 || context.project_id !== a)
    problems.push(
      `POST /v1/contexts: HTTP ${locked.status()}, locked in ${name(context.project_id)} instead of the session's project A`,
    );
  const query = `/v1/contexts/recall?topic=${encodeURIComponent(topic)}`;
  const recalledInB = await api.get(query, { headers: inB });
  if (recalledInB.status() !== 404)
    problems.push(
      `GET /v1/contexts/recall: a context locked in project A was recalled in project B (HTTP ${recalledInB.status()})`,
    );
  const listB = (await (await api.get("/v1/contexts", { headers: inB })).json().catch(() => ({}))) as Json;
  checkContract("http/context-list.v1", listB, "GET /v1/contexts", problems);
  if (JSON.stringify(listB).includes(String(context.id)))
    problems.push("GET /v1/contexts: project B lists a context locked in project A");
  const again = (await (
    await api.post("/v1/contexts", { headers: inA, data: { topic, content: `v2 ${mark()}` } })
  )
    .json()
    .catch(() => ({}))) as Json;
  const recalledInA = (await (await api.get(query, { headers: inA })).json().catch(() => ({}))) as Json;
  if (recalledInA.id !== again.id || recalledInA.version !== 2 || recalledInA.project_id !== a)
    problems.push(
      `GET /v1/contexts/recall: project A recalls version ${String(recalledInA.version)} in ${name(recalledInA.project_id)}, expected its version 2`,
    );
  // The positive control: B's session, once on A, sees what A sees.
  await askWs(ws, { type: "switch_project", project_id: a });
  const fromB = (await (await api.get(query, { headers: inB })).json().catch(() => ({}))) as Json;
  if (fromB.id !== again.id)
    problems.push(
      "GET /v1/contexts/recall: the socket session, switched to project A, cannot recall A's context",
    );
  return { switches: rounds * 2, problems };
}

/**
 * {@link checkProjectIsolation}, throwing one error that names every failing route or message.
 *
 * @example
 * await assertProjectIsolation({ api: alice.api, ws });
 */
export async function assertProjectIsolation(input: ProjectIsolationInput): Promise<ProjectIsolationReport> {
  const report = await checkProjectIsolation(input);
  if (report.problems.length > 0) {
    throw new Error(
      `[assay/isolation] Project isolation: ${report.problems.length} problem(s) in ${report.switches} switches:\n` +
        report.problems.map((p) => `  ${p}`).join("\n"),
    );
  }
  return report;
}

async function create(
  api: APIRequestContext,
  path: string,
  data: Json,
  contract: string,
  problems: string[],
): Promise<string> {
  const response: APIResponse = await api.post(path, { data });
  const body = (await response.json().catch(() => ({}))) as Json;
  checkContract(contract, body, `POST ${path}`, problems);
  if (response.status() !== 201) problems.push(`POST ${path}: HTTP ${response.status()}, expected 201`);
  return String(body.id);
}

import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import type { Frame } from "@assay/ws";
import { checkRunOutcome } from "./checkRunOutcome.ts";
import type { LatencyRecorder } from "./createLatencyRecorder.ts";
import { createLoadApi, LoadHttpError } from "./createLoadApi.ts";
import type { ProblemLog } from "./createProblemLog.ts";
import { isSampled, type LoadSocket, openLoadSocket, type RunOutcome, wallNow } from "./openLoadSocket.ts";
import { FLOWS, type FlowName, type Scenario } from "./readScenario.ts";

const TOOL_NAMES = ["echo", "word_count", "clock"];
const MESSAGES_PER_CONVERSATION = 20;

/** Counters every user of a process adds to; the progress line and the result read them. */
export type LoadCounters = {
  flows: Record<FlowName, number>;
  /** `recovered`: runs a restart cut short that still ended with their terminal event. */
  runs: { started: number; checked: number; passed: number; events: number; recovered: number };
  reconnects: number;
  /** Runs posted and not yet ended: the crash scenario restarts the service while some are. */
  inFlight: number;
  /** Restarts begun so far: a run that spans one was cut short by it. */
  restarts: number;
  /** Users whose first socket is open. */
  connected: number;
};

/** @example const counters = createLoadCounters(); */
export function createLoadCounters(): LoadCounters {
  return {
    flows: Object.fromEntries(FLOWS.map((flow) => [flow, 0])) as Record<FlowName, number>,
    runs: { started: 0, checked: 0, passed: 0, events: 0, recovered: 0 },
    reconnects: 0,
    inFlight: 0,
    restarts: 0,
    connected: 0,
  };
}

/** What one load user needs. */
export type LoadUserInput = {
  label: string;
  token: string;
  baseURL: string;
  wsURL: string;
  scenario: Scenario;
  random: () => number;
  /** Wall-clock ms at which this user stops starting flows. */
  stopAt: number;
  owners: Map<string, string>;
  latency: LatencyRecorder;
  problems: ProblemLog;
  counters: LoadCounters;
  /** True while a planned restart is under way: failures to connect are expected then. */
  outage: () => boolean;
  /**
   * True while the crash scenario's restart has not happened and passed yet: the user goes on
   * past `stopAt` meanwhile, so the restart always meets traffic, however slowly the users
   * signed in.
   */
  restartPending?: () => boolean;
};

/**
 * One agent: opens its socket, then runs flows picked by the scenario's weights, with think
 * time, until `stopAt` (and, in a crash scenario, until the restart is over); every run is checked as it ends. After a restart it reconnects and
 * finishes its in-flight run from the service's stored events (`replay`). Resolves `true` when
 * the user got to the end, `false` when it could not go on (a problem says why).
 *
 * @example
 * const done = await runLoadUser({ label: "user 1", token, baseURL, wsURL, scenario, random, stopAt, owners, latency, problems, counters, outage });
 */
export async function runLoadUser(input: LoadUserInput): Promise<boolean> {
  const { label, scenario, random, latency, problems, counters } = input;
  const api = createLoadApi({
    baseURL: input.baseURL,
    token: input.token,
    user: label,
    latency,
    problems,
    outage: input.outage,
  });
  const connect = () =>
    openLoadSocket({
      url: input.wsURL,
      token: input.token,
      user: label,
      owners: input.owners,
      latency,
      problems,
      sampleRate: scenario.sampling.rate,
      // Under heavy load the upgrade waits its turn like any request: as long as a run may take.
      connectTimeoutMs: Math.max(10_000, scenario.run_timeout_ms),
    });
  let socket: LoadSocket;
  try {
    socket = await connect();
  } catch (error) {
    problems.add("socket", label, (error as Error).message);
    return false;
  }
  counters.connected += 1;
  const state = {
    conversation: undefined as string | undefined,
    messages: 0,
    defaultProject: socket.projectId,
    extraProject: undefined as string | undefined,
    currentProject: socket.projectId,
    contexts: new Map<string, string>(),
    n: 0,
  };
  const weights = FLOWS.map((flow) => Math.max(0, scenario.flows[flow] ?? 0));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pick = (): FlowName => {
    let x = random() * totalWeight;
    for (const [i, flow] of FLOWS.entries()) {
      x -= weights[i] as number;
      if (x < 0) return flow;
    }
    return "run";
  };
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  /** Reconnects after the socket dropped, within the scenario's allowance. */
  const reconnect = async (): Promise<boolean> => {
    const deadline = wallNow() + (scenario.crash?.reconnect_within_ms ?? 0);
    let wait = 100;
    while (wallNow() < deadline) {
      try {
        socket = await connect();
        counters.reconnects += 1;
        state.currentProject = socket.projectId;
        return true;
      } catch {
        await sleep(wait);
        wait = Math.min(wait * 2, 2000);
      }
    }
    problems.add(
      "socket",
      label,
      `could not reconnect within ${scenario.crash?.reconnect_within_ms ?? 0} ms`,
    );
    return false;
  };

  /**
   * A run whose socket dropped: its stored events after the last seq seen, asked for on the new
   * socket. Live events of the run may reach the new socket too (a service that still finishes
   * its runs while it shuts down), so an event that arrives both ways counts once; two
   * different events with one seq stay a problem.
   */
  const recoverRun = async (outcome: RunOutcome): Promise<RunOutcome | undefined> => {
    if (!scenario.crash || !(await reconnect())) return undefined;
    const seqOf = (f: Frame) => Number((f.data as { seq?: unknown }).seq);
    const seqs = new Set(outcome.frames.map(seqOf));
    let afterSeq = 0;
    while (seqs.has(afterSeq + 1)) afterSeq += 1;
    const waiting = socket.waitRun(outcome.runId, scenario.run_timeout_ms, 300);
    try {
      await socket.ask(
        { type: "replay", run_id: outcome.runId, after_seq: afterSeq, id: `r${state.n}` },
        10_000,
      );
    } catch (error) {
      problems.add(
        "socket",
        label,
        `replay of run ${outcome.runId} after the restart: ${(error as Error).message}`,
      );
    }
    // No run survives a restart of the service's process: once the replay is done, what is
    // stored is the whole story, and a run without its terminal event there never gets one.
    const replayed = await Promise.race([waiting, sleep(1000).then(() => undefined)]);
    const frames = outcome.frames.filter((f) => seqOf(f) <= afterSeq);
    for (const frame of replayed?.frames ?? []) {
      const twin = frames.find((f) => seqOf(f) === seqOf(frame));
      if (!twin || !isDeepStrictEqual(twin.data, frame.data)) frames.push(frame);
    }
    return { runId: outcome.runId, frames, end: replayed?.end === "terminal" ? "terminal" : "closed" };
  };

  const flows: Record<FlowName, () => Promise<void>> = {
    async run() {
      if (!state.conversation || state.messages >= MESSAGES_PER_CONVERSATION) await flows.conversation();
      state.messages += 1;
      const tools = between(scenario.tools.min, scenario.tools.max);
      const directives = Array.from({ length: tools }, () => `#tool:${TOOL_NAMES[between(0, 2)]}`);
      const sentAt = wallNow();
      const accepted = await api.call<{ run: { id: string } }>({
        method: "POST",
        path: `/v1/conversations/${state.conversation}/messages`,
        route: "/v1/conversations/:id/messages",
        status: 202,
        contract: "http/message-accepted.v1",
        body: { content: `load ${label} message ${state.n} ${directives.join(" ")}`.trim() },
      });
      const runId = accepted.run.id;
      counters.runs.started += 1;
      counters.inFlight += 1;
      const restartsBefore = counters.restarts;
      const postedInOutage = input.outage();
      let outcome: RunOutcome;
      let interrupted = false;
      try {
        outcome = await socket.waitRun(runId, Math.max(1, scenario.run_timeout_ms - (wallNow() - sentAt)));
        if (outcome.end === "closed" && scenario.crash) {
          interrupted = true;
          const recovered = await recoverRun(outcome);
          if (recovered) outcome = recovered;
        }
      } finally {
        counters.inFlight -= 1;
      }
      // A run that spans the restart (or was posted to the process going down) may end with
      // agent_error, live at the shutdown or from the store: every check still applies to it,
      // only the outcome the message asked for does not.
      if (scenario.crash && (postedInOutage || counters.restarts !== restartsBefore)) interrupted = true;
      if (interrupted && outcome.end === "terminal") counters.runs.recovered += 1;
      counters.runs.events += outcome.frames.length;
      const checked = isSampled(runId, scenario.sampling.rate);
      if (checked) counters.runs.checked += 1;
      // A run cut short by a restart may end with agent_error, after fewer tools.
      const expected = interrupted ? {} : { tools, terminal: "agent_completed" as const };
      const ok = checkRunOutcome(outcome, { user: label, expected, sentAt, checked, latency, problems });
      if (outcome.end !== "terminal") await reportUnended(outcome, interrupted);
      if (ok && outcome.end === "terminal") counters.runs.passed += 1;
    },
    async conversation() {
      const created = await api.call<{ id: string }>({
        method: "POST",
        path: "/v1/conversations",
        route: "/v1/conversations",
        status: 201,
        contract: "http/conversation.v1",
        body: { title: `load ${label} ${state.n}` },
      });
      state.conversation = created.id;
      state.messages = 0;
      await api.call({
        method: "GET",
        path: `/v1/conversations/${created.id}/messages`,
        route: "/v1/conversations/:id/messages",
        status: 200,
        contract: "http/message-list.v1",
      });
    },
    async project_switch() {
      if (!state.extraProject) {
        const project = await api.call<{ id: string }>({
          method: "POST",
          path: "/v1/projects",
          route: "/v1/projects",
          status: 201,
          contract: "http/project.v1",
          body: { name: `load ${label}` },
        });
        state.extraProject = project.id;
      }
      const to = state.currentProject === state.extraProject ? state.defaultProject : state.extraProject;
      const started = wallNow();
      const answer = await socket.ask(
        { type: "switch_project", project_id: to, id: `s${state.n}` },
        scenario.run_timeout_ms,
      );
      latency.record("project_switch", wallNow() - started);
      if (answer.type !== "project_switched" || answer.project_id !== to) {
        problems.add(
          "flow",
          label,
          `switch_project to ${to} answered ${JSON.stringify(answer).slice(0, 200)}`,
        );
        return;
      }
      state.currentProject = to;
    },
    async memory() {
      const topic = `topic-${between(1, 3)}`;
      const content = `memory of ${label} #${state.n}`;
      const headers = { "x-assay-session": socket.sessionId };
      await api.call({
        method: "POST",
        path: "/v1/contexts",
        route: "/v1/contexts",
        status: 201,
        contract: "http/context.v1",
        body: { topic, content },
        headers,
      });
      state.contexts.set(`${state.currentProject}/${topic}`, content);
      const recalled = await api.call<{ content?: unknown }>({
        method: "GET",
        path: `/v1/contexts/recall?topic=${topic}`,
        route: "/v1/contexts/recall",
        status: 200,
        contract: "http/context.v1",
        headers,
      });
      if (recalled.content !== content)
        problems.add("flow", label, `recall of ${topic} gave another version than the one just locked`);
    },
    async health() {
      await api.call({
        method: "GET",
        path: "/health",
        route: "/health",
        status: 200,
        contract: "http/health.v1",
      });
    },
  };

  const reportUnended = async (outcome: RunOutcome, interrupted: boolean) => {
    let status = "unknown";
    try {
      status = String(
        (
          await api.call<{ status?: unknown }>({
            method: "GET",
            path: `/v1/runs/${outcome.runId}`,
            route: "/v1/runs/:id",
            status: 200,
            contract: "http/run.v1",
          })
        ).status,
      );
    } catch {
      // Already counted as an http problem.
    }
    const seen = outcome.frames.length;
    if (status === "running") {
      problems.add(
        "silence",
        label,
        `run ${outcome.runId}: no terminal event${interrupted ? " after the restart" : ""} within ${scenario.run_timeout_ms} ms and the service still says "running" (${seen} events seen)`,
      );
    } else {
      problems.add(
        "timeout",
        label,
        `run ${outcome.runId}: the service says "${status}" but ${interrupted ? "neither the socket nor the replay" : "the socket"} delivered no terminal event (${seen} events seen, ${outcome.end})`,
      );
    }
  };

  let alive = true;
  const going = () => wallNow() < input.stopAt || input.restartPending?.() === true;
  while (alive && going()) {
    const flow = pick();
    state.n += 1;
    try {
      await flows[flow]();
      counters.flows[flow] += 1;
    } catch (error) {
      const unreachable = error instanceof LoadHttpError && error.unreachable;
      if (!(error instanceof LoadHttpError))
        problems.add("flow", label, `${flow}: ${(error as Error).message}`);
      if (scenario.crash && (unreachable || !socket.isOpen)) {
        // The service is restarting: wait for it, then carry on.
        if (!socket.isOpen) alive = await reconnect();
        else await sleep(200);
      } else if (!socket.isOpen) {
        problems.add("socket", label, "the socket closed under load");
        alive = false;
      }
    }
    if (!socket.isOpen && alive) {
      if (scenario.crash) alive = await reconnect();
      else {
        problems.add("socket", label, `the socket closed under load`);
        alive = false;
      }
    }
    socket.sweep(scenario.run_timeout_ms);
    const think = between(scenario.think_time_ms.min, scenario.think_time_ms.max);
    const left = input.restartPending?.() ? think : input.stopAt - wallNow();
    if (left > 0 && think > 0) await sleep(Math.min(think, left));
  }
  // An agent whose socket the restart closed reconnects even when its last flow was its last.
  if (alive && scenario.crash && !socket.isOpen) alive = await reconnect();
  // Leaked frames may trail the last run: give them a moment, then judge what is unclaimed.
  await sleep(50);
  socket.sweep(0);
  await socket.close();
  return alive;
}

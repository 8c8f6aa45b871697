import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { createLatencyRecorder } from "./createLatencyRecorder.ts";
import { createProblemLog } from "./createProblemLog.ts";
import { createRandom } from "./createRandom.ts";
import { judgeSoak } from "./judgeSoak.ts";
import type { LoadPart, ServiceSample } from "./LoadResult.ts";
import { wallNow } from "./openLoadSocket.ts";
import { planUsers } from "./planUsers.ts";
import { type Scenario, scenarioDuration } from "./readScenario.ts";
import { createLoadCounters, runLoadUser } from "./runLoadUser.ts";

/** Where the load goes, as `@assay/fixtures` resolves it. */
export type LoadTarget = {
  kind: "local" | "staging";
  baseURL: string;
  wsURL: string;
  adminToken: string;
};

/** @example const input: RunLoadInput = { target, scenario, shard: { index: 1, count: 1 }, slice: { index: 1, count: 2 }, tagPrefix }; */
export type RunLoadInput = {
  target: LoadTarget;
  scenario: Scenario;
  shard: { index: number; count: number };
  slice?: { index: number; count: number };
  /** Tag of this part's users (`runTag(…)`); user k is tagged `<tagPrefix>:u<k>`, so a crash leaves nothing a sweep cannot find. */
  tagPrefix: string;
  /** Told every token minted, for the secret scan of the reports. */
  onToken?: (token: string) => void;
  /** Where the live progress line goes (default: stdout). */
  log?: (line: string) => void;
  progressEveryMs?: number;
  /** The crash scenario: restarts the service and resolves once it answers again (local only). */
  restart?: () => Promise<void>;
  /** Seed of every user's choices; the same seed replays the same flows. */
  seed?: number;
};

type AdminCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

function createAdmin(target: LoadTarget): AdminCall {
  return async (method, path, body) => {
    const response = await fetch(`${target.baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  };
}

const errorCodeOf = (json: unknown) =>
  (json as { error?: { code?: string } } | undefined)?.error?.code ?? "no error code";

/**
 * Runs this part's users of a scenario against the target and returns what it measured and
 * found: users are created through the test-support API (tagged, switched into the scenario's
 * faults, deleted newest first at the end), ramped in by the stages, and each runs its flows
 * on its own socket with every event checked. Prints a progress line as it goes.
 *
 * @example
 * const part = await runLoad({ target, scenario, shard: { index: 1, count: 1 }, tagPrefix: runTag(target, 0, "load") });
 */
export async function runLoad(input: RunLoadInput): Promise<LoadPart> {
  const { target, scenario, shard } = input;
  const slice = input.slice ?? { index: 1, count: 1 };
  const log = input.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const admin = createAdmin(target);
  const latency = createLatencyRecorder();
  const problems = createProblemLog();
  const counters = createLoadCounters();
  const owners = new Map<string, string>();
  const plan = planUsers(scenario, shard, slice);
  const duration = scenarioDuration(scenario);
  const startedAt = new Date();
  const t0 = wallNow();
  const elapsed = () => (wallNow() - t0) / 1000;
  const created: { id: string; label: string }[] = [];
  const users = { planned: plan.length, started: 0, done: 0, failed: 0 };
  let active = 0;
  let outage = false;
  let restartPending = Boolean(scenario.crash && input.restart);
  const service: ServiceSample[] = [];
  let crash: LoadPart["crash"];
  const sliceName = `${slice.index}/${slice.count}`;

  const progress = () => {
    const t = elapsed();
    const run = latency.stats("run");
    const first = latency.stats("first_event");
    log(
      `[assay/load] ${scenario.name} shard ${shard.index}/${shard.count} worker ${sliceName} · ${t.toFixed(0)}/${duration.toFixed(0)} s · users ${active} active, ${users.started}/${plan.length} started · runs ${counters.runs.started} (${(counters.runs.started / Math.max(t, 0.001)).toFixed(1)}/s) · errors ${problems.total} · p95 run ${run ? `${run.p95} ms` : "–"}, first event ${first ? `${first.p95} ms` : "–"}`,
    );
  };
  const ticker = setInterval(progress, input.progressEveryMs ?? (duration > 120 ? 10_000 : 2_000));

  const sampleService = async () => {
    const { status, json } = await admin("GET", "/v1/test-support/stats");
    if (status !== 200) {
      problems.add(
        "http",
        "admin",
        `GET /v1/test-support/stats: HTTP ${status} (${errorCodeOf(json)}), expected 200`,
      );
      return;
    }
    const s = json as {
      memory: { rss_bytes: number; heap_used_bytes: number };
      sockets: number;
      runs_in_flight: number;
      pool: { total: number; idle: number; waiting: number };
    };
    service.push({
      t_s: Math.round(elapsed() * 10) / 10,
      rss_mb: Math.round(s.memory.rss_bytes / 1024 / 10.24) / 100,
      heap_used_mb: Math.round(s.memory.heap_used_bytes / 1024 / 10.24) / 100,
      sockets: s.sockets,
      runs_in_flight: s.runs_in_flight,
      pool_total: s.pool.total,
      pool_idle: s.pool.idle,
      pool_waiting: s.pool.waiting,
    });
  };
  // Only one part samples the service: the figures are the service's, not the part's.
  const soak = shard.index === 1 && slice.index === 1 ? scenario.soak : undefined;
  const sampler = soak
    ? setInterval(() => {
        if (!outage)
          void sampleService().catch((e: Error) => problems.add("http", "admin", `stats: ${e.message}`));
      }, soak.every_s * 1000)
    : undefined;

  const crashing =
    scenario.crash && input.restart
      ? (async () => {
          const crashAt = (scenario.crash?.restart_at_s ?? 0) * 1000;
          await sleep(Math.max(0, crashAt - (wallNow() - t0)));
          // Mid-load means with traffic: on a slow machine the users may still be signing in
          // at restart_at_s. Wait for every user's socket to be open and runs of half of them to
          // be in flight, so the restart cuts some (the users go on past their stages until the
          // restart is over; 30 s after the stages at most).
          const lastCall = t0 + duration * 1000 + 30_000;
          const busy = Math.max(1, Math.ceil(plan.length / 2));
          while (
            wallNow() < lastCall &&
            (counters.connected + users.failed < plan.length || counters.inFlight < busy)
          )
            await sleep(20);
          counters.restarts += 1;
          outage = true;
          const before = wallNow();
          log(`[assay/load] ${scenario.name}: restarting the service at ${elapsed().toFixed(1)} s`);
          try {
            await input.restart?.();
          } catch (error) {
            problems.add("flow", "service", `the restart failed: ${(error as Error).message}`);
          }
          crash = {
            restarted_at_s: Math.round((before - t0) / 100) / 10,
            ready_after_ms: Math.round(wallNow() - before),
          };
          log(`[assay/load] ${scenario.name}: the service answers again after ${crash.ready_after_ms} ms`);
          // Clients reconnect with backoff; failures right after the restart are part of it.
          await sleep(2000);
          outage = false;
          restartPending = false;
        })()
      : undefined;

  const runUser = async (window: (typeof plan)[number]) => {
    await sleep(Math.max(0, window.start_s * 1000 - (wallNow() - t0)));
    const label = `user ${window.index + 1}`;
    let token: string;
    try {
      const create = () =>
        admin("POST", "/v1/test-support/users", {
          display_name: `Load ${scenario.name} ${window.index + 1}`,
          tag: `${input.tagPrefix}:u${window.index}`,
        });
      // An overloaded service may reset a connection before it reads the request: that request
      // created nothing, so it is sent again (twice at most); an answer, even an error, is final.
      let answer: Awaited<ReturnType<typeof create>> | undefined;
      for (let attempt = 1; !answer; attempt += 1) {
        try {
          answer = await create();
        } catch (error) {
          if (attempt === 3) throw error;
          await sleep(500 * attempt);
        }
      }
      const { status, json } = answer;
      if (status !== 201) throw new Error(`HTTP ${status} (${errorCodeOf(json)})`);
      const body = json as { user: { id: string }; token: string };
      token = body.token;
      input.onToken?.(token);
      created.push({ id: body.user.id, label });
      for (const fault of scenario.faults) {
        const set = await admin("PUT", "/v1/test-support/faults", {
          user_id: body.user.id,
          fault,
          enabled: true,
        });
        if (set.status !== 200)
          throw new Error(`switching on ${fault}: HTTP ${set.status} (${errorCodeOf(set.json)})`);
      }
    } catch (error) {
      problems.add(
        "http",
        label,
        `creating the user through the test-support API: ${(error as Error).message}`,
      );
      users.failed += 1;
      return;
    }
    users.started += 1;
    active += 1;
    const done = await runLoadUser({
      label,
      token,
      baseURL: target.baseURL,
      wsURL: target.wsURL,
      scenario,
      random: createRandom((input.seed ?? 1) * 1_000_003 + window.index),
      stopAt: t0 + window.stop_s * 1000,
      owners,
      latency,
      problems,
      counters,
      outage: () => outage,
      restartPending: () => restartPending,
    }).catch((error: Error) => {
      problems.add("flow", label, `the user stopped: ${error.message}`);
      return false;
    });
    active -= 1;
    if (done) users.done += 1;
    else users.failed += 1;
  };

  try {
    await Promise.all([...plan.map(runUser), crashing]);
  } finally {
    clearInterval(ticker);
    if (sampler) clearInterval(sampler);
    progress();
    const errors: string[] = [];
    for (const user of created.reverse()) {
      try {
        const { status, json } = await admin("DELETE", `/v1/test-support/users/${user.id}`);
        if (status !== 204 && status !== 404)
          errors.push(`${user.label}: HTTP ${status} (${errorCodeOf(json)})`);
      } catch (error) {
        errors.push(`${user.label}: ${(error as Error).message}`);
      }
    }
    if (errors.length > 0)
      problems.add(
        "http",
        "teardown",
        `${errors.length} user(s) left behind (sweep them): ${errors.slice(0, 5).join("; ")}`,
      );
  }

  let trends: LoadPart["trends"] = [];
  if (soak) {
    const holdFrom = duration - (scenario.stages.at(-1)?.duration_s ?? 0);
    const judged = judgeSoak(service, holdFrom, soak);
    trends = judged.trends;
    for (const problem of judged.problems) problems.add("flow", "service", `soak: ${problem}`);
  }
  if (scenario.crash && input.restart && !crash)
    problems.add("flow", "service", "the planned restart never happened");
  if (plan.length > 0 && counters.runs.checked === 0 && (scenario.flows.run ?? 0) > 0)
    problems.add("flow", "load", "no run was checked: a load run that checks nothing fails");

  return {
    format: "assay-load/v1",
    scenario: scenario.name,
    target: { kind: target.kind, base_url: target.baseURL },
    shard: `${shard.index}/${shard.count}`,
    slices: [sliceName],
    started_at: startedAt.toISOString(),
    duration_s: Math.round(elapsed() * 10) / 10,
    sampling: scenario.sampling,
    users,
    runs: { ...counters.runs },
    flows: { ...counters.flows },
    reconnects: counters.reconnects,
    problems: { total: problems.total, counts: problems.counts(), examples: problems.examples() },
    histograms: latency.serialize(),
    service,
    trends,
    ...(crash ? { crash } : {}),
    machine: {
      hostname: os.hostname(),
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      load_avg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
}

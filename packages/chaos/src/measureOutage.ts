import { callService } from "./callService.ts";

/** One write the steady load sent, and how it ended. */
export type WriteAttempt = {
  title: string;
  /** ms since the load started. */
  sentAt: number;
  /** HTTP status, or 0 when the request failed without an answer (connection refused, reset). */
  status: number;
  /** The error code of an error body, when there was one. */
  code: string | null;
  ms: number;
};

/** What happened around one outage of a dependency. */
export type OutageReport = {
  /** From the cut to the first `/health` that said unhealthy; null: it never did. */
  detectionMs: number | null;
  /** How long each write that got 503 waited for it. */
  unavailableMs: number[];
  /** Writes sent while the dependency was gone that took longer than the hang limit, or never answered. */
  hung: WriteAttempt[];
  /** From the restore to the first write acknowledged again; null: never within the watch. */
  recoveryMs: number | null;
  writes: WriteAttempt[];
  /** Acknowledged (2xx) writes missing afterwards. */
  lost: string[];
  /** Titles stored more than once. */
  duplicates: string[];
  /** Unacknowledged writes that were stored anyway (allowed: the client could not know). */
  inDoubt: number;
  /** The writes could not be listed afterwards (the HTTP status): lost and doubled are unknown. */
  readBackStatus: number | null;
  /** Health answers during the outage: status and how long each took. */
  healthDuringOutage: Array<{ status: string; ms: number }>;
};

export type OutageOptions = {
  /** The service's origin. */
  baseURL: string;
  /** The writing user's bearer token. */
  token: string;
  /** Takes the dependency away (`stack.db.cut()`), and brings it back. */
  cut: () => void | Promise<void>;
  restore: () => void | Promise<void>;
  /** Default 5000. */
  outageMs?: number;
  /** Steady writes per second (default 10). */
  writesPerSecond?: number;
  /** A write slower than this during the outage counts as hung (default 2500). */
  hangMs?: number;
  /** Unique per test, so the titles can be found afterwards. */
  label: string;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorCode(body: unknown): string | null {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : null;
}

/**
 * Runs a steady load of writes (`POST /v1/conversations`, one unique title each, never retried)
 * and polls `/health` while a dependency goes away for `outageMs` and comes back, then reads the
 * conversations back. Measures detection (cut → unhealthy), how long 503s took, recovery
 * (restore → first acknowledged write), and counts acknowledged writes lost and titles doubled.
 * @example const report = await measureOutage({ baseURL, token: alice.token, cut: () => stack.db.cut(), restore: () => stack.db.reset(), label });
 */
export async function measureOutage(options: OutageOptions): Promise<OutageReport> {
  const outageMs = options.outageMs ?? 5000;
  const interval = 1000 / (options.writesPerSecond ?? 10);
  const hangMs = options.hangMs ?? 2500;
  const start = performance.now();
  const clock = () => performance.now() - start;
  const writes: WriteAttempt[] = [];
  const pending: Array<Promise<void>> = [];
  const health: Array<{ at: number; status: string; ms: number }> = [];
  let cutAt = Number.POSITIVE_INFINITY;
  let restoredAt = Number.POSITIVE_INFINITY;
  let stop = false;

  const write = async (n: number) => {
    const title = `${options.label}-w${n}`;
    const sentAt = clock();
    const attempt: WriteAttempt = { title, sentAt, status: 0, code: null, ms: 0 };
    writes.push(attempt);
    const answer = await callService(options.baseURL, "POST", "/v1/conversations", options.token, { title });
    attempt.status = answer.status;
    attempt.code = answer.status >= 400 ? errorCode(answer.body) : null;
    attempt.ms = clock() - sentAt;
  };
  const pollHealth = async () => {
    while (!stop) {
      const at = clock();
      try {
        const response = await fetch(`${options.baseURL}/health`, { signal: AbortSignal.timeout(10_000) });
        const body = (await response.json()) as { status?: string };
        health.push({ at, status: body.status ?? "?", ms: clock() - at });
      } catch {
        health.push({ at, status: "no answer", ms: clock() - at });
      }
      await wait(100);
    }
  };

  const poller = pollHealth();
  const load = (async () => {
    for (let n = 1; !stop; n++) {
      pending.push(write(n));
      await wait(interval);
    }
  })();
  await wait(1000);
  await options.cut();
  cutAt = clock();
  await wait(outageMs);
  await options.restore();
  restoredAt = clock();
  // Watch until a write made after the restore is acknowledged, at most 10 s, then a bit more.
  const deadline = restoredAt + 10_000;
  while (
    clock() < deadline &&
    !writes.some((w) => w.sentAt >= restoredAt && w.status >= 200 && w.status < 300)
  )
    await wait(50);
  await wait(1000);
  stop = true;
  await load;
  await Promise.all(pending);
  await poller;

  const listed = await callService(options.baseURL, "GET", "/v1/conversations", options.token);
  const items = (listed.body as { items?: Array<{ title: string }> } | null)?.items ?? [];
  const readBack = listed.status === 200;
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
  const acked = writes.filter((w) => w.status >= 200 && w.status < 300);
  const duringOutage = writes.filter((w) => w.sentAt >= cutAt && w.sentAt < restoredAt);
  const firstUnhealthy = health.find((h) => h.at >= cutAt && h.status === "unhealthy");
  const firstAckAfter = acked
    .filter((w) => w.sentAt >= restoredAt)
    .reduce((best, w) => Math.min(best, w.sentAt + w.ms), Number.POSITIVE_INFINITY);
  return {
    detectionMs:
      firstUnhealthy === undefined ? null : Math.round(firstUnhealthy.at + firstUnhealthy.ms - cutAt),
    unavailableMs: writes.filter((w) => w.status === 503).map((w) => Math.round(w.ms)),
    hung: duringOutage.filter((w) => w.ms > hangMs || w.status === 0),
    recoveryMs: Number.isFinite(firstAckAfter) ? Math.round(firstAckAfter - restoredAt) : null,
    writes,
    lost: readBack ? acked.filter((w) => !counts.has(w.title)).map((w) => w.title) : [],
    readBackStatus: readBack ? null : listed.status,
    duplicates: [...counts]
      .filter(([title, n]) => n > 1 && title.startsWith(`${options.label}-`))
      .map(([t]) => t),
    inDoubt: writes.filter((w) => (w.status < 200 || w.status >= 300) && counts.has(w.title)).length,
    healthDuringOutage: health
      .filter((h) => h.at >= cutAt && h.at < restoredAt)
      .map(({ status, ms }) => ({ status, ms: Math.round(ms) })),
  };
}

import { recordFigures, recordStep } from "@assay/chaos";
import { expect, type TestUser, test } from "@assay/test";
import { checkRateLimit, percentile, probeRateLimit } from "../../src/index.ts";

type Memory = {
  version: number;
  summary: string | null;
  key_points: string[];
  open_questions: string[];
  job: {
    id: string;
    status: string;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
  } | null;
};

async function conversationWith(user: TestUser, contents: string[]): Promise<string> {
  const created = await user.api.post("/v1/conversations", { data: { title: "memory" } });
  const id = ((await created.json()) as { id: string }).id;
  for (const content of contents) {
    const accepted = await user.api.post(`/v1/conversations/${id}/messages`, { data: { content } });
    const runId = ((await accepted.json()) as { run: { id: string } }).run.id;
    await expect
      .poll(
        async () => ((await (await user.api.get(`/v1/runs/${runId}`)).json()) as { status: string }).status,
        {
          timeout: 10_000,
        },
      )
      .not.toBe("running");
  }
  return id;
}

async function readMemory(user: TestUser, conversationId: string): Promise<{ memory: Memory; ms: number }> {
  const started = performance.now();
  const response = await user.api.get(`/v1/conversations/${conversationId}/memory`);
  const ms = performance.now() - started;
  expect(response.status()).toBe(200);
  await expect(response).toMatchContract("http/memory.v1");
  return { memory: (await response.json()) as Memory, ms };
}

test("an update lands within budget with its three fields filled; reads are timed for the gate", async ({
  users,
}) => {
  const updates: number[] = [];
  const reads: number[] = [];
  // Four users, five updates each: well under each one's 100 requests a minute.
  for (let u = 0; u < 4; u++) {
    const user = await users.create();
    const conversationId = await conversationWith(user, ["Plan the launch. Who signs off on the budget?"]);
    for (let round = 1; round <= 5; round++) {
      const started = performance.now();
      const queued = await user.api.post(`/v1/conversations/${conversationId}/memory/update`);
      expect(queued.status()).toBe(202);
      if (u === 0 && round === 1) await expect(queued).toMatchContract("http/memory-update.v1");
      let memory: Memory | undefined;
      for (;;) {
        const read = await readMemory(user, conversationId);
        reads.push(read.ms);
        recordStep("memory_read", read.ms);
        memory = read.memory;
        if (memory.version >= round) break;
        expect(performance.now() - started, "the update landed within 10 s").toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const ms = performance.now() - started;
      updates.push(ms);
      recordStep("memory_update", ms);
      expect(memory.summary).toBeTruthy();
      expect(memory.key_points.length).toBeGreaterThan(0);
      expect(memory.open_questions).toEqual(["Who signs off on the budget?"]);
      expect(memory.job).toMatchObject({ status: "done", attempts: 1 });
    }
  }
  await expect(
    await (await users.create()).api.get(`/v1/conversations/${crypto.randomUUID()}/memory`),
  ).toMatchContract("http/error.v1");
  recordFigures("memory", {
    updates: updates.length,
    update_p95_ms: percentile(updates, 95),
    reads: reads.length,
    read_p95_ms: percentile(reads, 95),
  });
});

test("concurrent updates of one conversation give one consistent result", async ({ users }) => {
  const alice = await users.create();
  const conversationId = await conversationWith(alice, ["Compare the two offers? Then decide."]);
  const seen: Memory[] = [];
  let reading = true;
  // At most 40 reads: the routes allow 100 requests a minute per user.
  const reader = (async () => {
    for (let i = 0; reading && i < 40; i++) {
      seen.push((await readMemory(alice, conversationId)).memory);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => alice.api.post(`/v1/conversations/${conversationId}/memory/update`)),
  );
  expect(answers.map((a) => a.status())).toEqual([202, 202, 202, 202, 202, 202]);
  const jobs = new Set(
    await Promise.all(answers.map(async (a) => ((await a.json()) as { job: { id: string } }).job.id)),
  );
  await expect
    .poll(async () => (await readMemory(alice, conversationId)).memory.job?.status, { timeout: 10_000 })
    .toBe("done");
  reading = false;
  await reader;
  const final = (await readMemory(alice, conversationId)).memory;
  // Requests that came while a job waited shared it; each job wrote the memory exactly once.
  expect(jobs.size).toBeLessThan(6);
  expect(final.version).toBe(jobs.size);
  // Every read saw either no memory yet or all three fields of one summary, never a mix.
  const halves = seen.filter(
    (m) => m.version > 0 && (!m.summary || m.key_points.length === 0 || m.open_questions.length === 0),
  );
  expect(halves).toEqual([]);
  const summaries = new Set(
    seen.filter((m) => m.version > 0).map((m) => JSON.stringify([m.summary, m.key_points, m.open_questions])),
  );
  summaries.add(JSON.stringify([final.summary, final.key_points, final.open_questions]));
  expect(summaries.size, "one consistent result").toBe(1);
});

test("an update whose upstream keeps failing is retried with backoff, then dead-lettered", async ({
  users,
}) => {
  const alice = await users.create();
  const conversationId = await conversationWith(alice, ["remember nothing #upstream:error"]);
  const queued = await alice.api.post(`/v1/conversations/${conversationId}/memory/update`);
  expect(queued.status()).toBe(202);
  await expect
    .poll(async () => (await readMemory(alice, conversationId)).memory.job?.status, { timeout: 15_000 })
    .toBe("dead");
  const { memory } = await readMemory(alice, conversationId);
  expect(memory.job).toMatchObject({ status: "dead", last_error: "upstream_error" });
  expect(memory.job?.attempts).toBe(memory.job?.max_attempts);
  expect(memory.job?.max_attempts).toBeGreaterThan(1);
  expect(memory.version, "a dead job writes no memory").toBe(0);
});

test("the rate limit refuses request 101 within a minute and not request 100, for one user and not another", async ({
  users,
}) => {
  const [alice, bob] = [await users.create(), await users.create()];
  const conversationId = await conversationWith(alice, ["rate limit"]);
  const bobs = await conversationWith(bob, ["rate limit"]);
  const report = await probeRateLimit({
    first: alice.api,
    second: bob.api,
    path: `/v1/conversations/${conversationId}/memory`,
    secondPath: `/v1/conversations/${bobs}/memory`,
    limit: 100,
  });
  recordFigures("rate_limit", {
    allowed: report.statuses.filter((s) => s === 200).length,
    refused_at: report.statuses.indexOf(429) + 1,
    retry_after_s: report.retryAfter,
    other_user: report.otherStatus,
    elapsed_ms: Math.round(report.elapsedMs),
  });
  expect(checkRateLimit(report, 100)).toEqual([]);
  const refused = await alice.api.post(`/v1/conversations/${conversationId}/memory/update`);
  expect(refused.status()).toBe(429);
  await expect(refused).toMatchContract("http/rate-limited.v1");
});

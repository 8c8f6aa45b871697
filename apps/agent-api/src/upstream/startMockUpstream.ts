import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { mockCompletion } from "./mockCompletion.ts";

const SILENCE_MS = 60_000;

/**
 * Answers POSTs to `url` inside this process with msw, deterministically (see
 * {@link mockCompletion}); every other request goes out untouched. Returns a stop function.
 * @example const stop = startMockUpstream(config.llmUrl);
 */
export function startMockUpstream(url: string): () => void {
  const server = setupServer(
    http.post(url, async ({ request }) => {
      const body: unknown = await request.json().catch(() => null);
      const answer = mockCompletion(body);
      switch (answer.kind) {
        case "completion":
          return HttpResponse.json(answer.body);
        case "error":
          return HttpResponse.json({ error: { message: "mock upstream failure" } }, { status: 500 });
        case "invalid":
          return HttpResponse.text("this is not a chat completion", { status: 200 });
        case "timeout":
          // Never answers in time: the caller's own timeout has to end the wait. The handler
          // itself gives up after a minute so abandoned requests do not pile up.
          await new Promise<void>((resolve) => {
            setTimeout(resolve, SILENCE_MS).unref();
            request.signal.addEventListener("abort", () => resolve());
          });
          return HttpResponse.error();
      }
    }),
  );
  server.listen({ onUnhandledRequest: "bypass" });
  return () => server.close();
}

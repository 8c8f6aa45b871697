/** What the mock upstream should do for a user message. */
export type Directives = {
  /** Tool names from `#tool:NAME`, in order, repeats kept. */
  tools: string[];
  /** The first `#upstream:…` directive, if any. */
  upstream: "error" | "timeout" | "invalid" | null;
  /** The message with every directive removed and spaces collapsed. */
  text: string;
};

const DIRECTIVE = /#tool:([A-Za-z0-9_-]+)|#upstream:(error|timeout|invalid)\b/g;

/**
 * Reads the mock's directives in a user message.
 * @example parseDirectives("hi #tool:echo #tool:clock") // { tools: ["echo", "clock"], upstream: null, text: "hi" }
 */
export function parseDirectives(message: string): Directives {
  const tools: string[] = [];
  let upstream: Directives["upstream"] = null;
  for (const match of message.matchAll(DIRECTIVE)) {
    if (match[1] !== undefined) tools.push(match[1]);
    const mode = match[2];
    if (upstream === null && (mode === "error" || mode === "timeout" || mode === "invalid")) upstream = mode;
  }
  const text = message.replace(DIRECTIVE, " ").replace(/\s+/g, " ").trim();
  return { tools, upstream, text };
}

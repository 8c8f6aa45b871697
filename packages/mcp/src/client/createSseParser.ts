/** One dispatched Server-Sent Event. */
export type SseEvent = { data: string; event?: string; id?: string; retry?: number };

/** Incremental `text/event-stream` parser: feed chunks as they arrive, get whole events back. */
export type SseParser = {
  /** Parses `chunk` and returns the events it completed. */
  push(chunk: string): SseEvent[];
  /** Ends the stream: a final event without its blank line is dropped, as the SSE standard says. */
  end(): SseEvent[];
};

/**
 * Parses an SSE body the way the HTML standard's event-stream interpretation does: lines end in
 * CRLF, LF or CR; `:` lines are comments; `data` lines join with `\n`; a blank line dispatches;
 * an event with no `data` line (the MCP priming event has an id and empty data) is still
 * returned, with `data: ""`, so callers see every event the server sent.
 *
 * @example
 * const parser = createSseParser();
 * parser.push('id: 1\ndata: {"jsonrpc":"2.0"'); // []
 * parser.push(',"id":1,"result":{}}\n\n'); // [{ id: "1", data: '{"jsonrpc":"2.0","id":1,"result":{}}' }]
 */
export function createSseParser(): SseParser {
  let buffer = "";
  let data: string[] = [];
  let event: Omit<SseEvent, "data"> = {};
  let seenField = false;

  function line(text: string, out: SseEvent[]): void {
    if (text === "") {
      if (seenField) out.push({ ...event, data: data.join("\n") });
      data = [];
      event = {};
      seenField = false;
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    seenField = true;
    if (field === "data") data.push(value);
    else if (field === "event") event.event = value;
    else if (field === "id" && !value.includes("\0")) event.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) event.retry = Number(value);
  }

  return {
    push(chunk) {
      buffer += chunk;
      const out: SseEvent[] = [];
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (match === null) break;
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (match[0] === "\r" && match.index === buffer.length - 1) break;
        line(buffer.slice(0, match.index), out);
        buffer = buffer.slice(match.index + match[0].length);
      }
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      if (buffer.endsWith("\r")) line(buffer.slice(0, -1), out);
      buffer = "";
      return out;
    },
  };
}

import { readFile } from "node:fs/promises";

/** One parsed JSON log line. */
export type LogLine = Record<string, unknown>;

/**
 * Reads a JSON-lines log file from byte `offset` on: the parsed lines, one problem per line
 * that is not a JSON object (a log line must be one), and the offset to read on from. A missing
 * file has no lines yet.
 * @example const { lines, next } = await readLogLines("reports/service.log", start);
 */
export async function readLogLines(
  file: string,
  offset = 0,
): Promise<{ lines: LogLine[]; problems: string[]; next: number }> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { lines: [], problems: [], next: 0 };
    throw error;
  }
  // Only whole lines: a line still being written is read next time.
  const end = buffer.lastIndexOf(0x0a) + 1;
  return {
    ...parseLogText(buffer.subarray(offset, Math.max(offset, end)).toString("utf8")),
    next: Math.max(offset, end),
  };
}

/**
 * Parses JSON-lines text (a log file, or a log command's output).
 * @example parseLogText('{"event":"request"}\n').lines[0].event // "request"
 */
export function parseLogText(text: string): { lines: LogLine[]; problems: string[] } {
  const lines: LogLine[] = [];
  const problems: string[] = [];
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) lines.push(value as LogLine);
      else problems.push(`not a JSON object: ${raw.slice(0, 120)}`);
    } catch {
      problems.push(`not JSON: ${raw.slice(0, 120)}`);
    }
  }
  return { lines, problems };
}

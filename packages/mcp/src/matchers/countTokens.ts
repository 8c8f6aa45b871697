/** Tokenizers `gpt-tokenizer` ships that Assay counts with; `o200k_base` is GPT-4o's and later. */
export type TokenEncoding = "o200k_base" | "cl100k_base";

type Encoder = { countTokens(text: string): number };
const loaded = new Map<TokenEncoding, Promise<Encoder>>();

/**
 * Counts the tokens of `text` with a `gpt-tokenizer` encoding, loaded on first use (its tables
 * take most of a second to load, so only runs that count tokens pay for them).
 *
 * @example
 * await countTokens(JSON.stringify(tools)); // 1834
 */
export async function countTokens(text: string, encoding: TokenEncoding = "o200k_base"): Promise<number> {
  return (await encoder(encoding)).countTokens(text);
}

/**
 * The encoder itself, for counting many texts without awaiting each.
 *
 * @example
 * const { countTokens } = await encoder("o200k_base");
 */
export function encoder(encoding: TokenEncoding = "o200k_base"): Promise<Encoder> {
  let pending = loaded.get(encoding);
  if (pending === undefined) {
    if (encoding === "o200k_base") pending = import("gpt-tokenizer/encoding/o200k_base");
    else if (encoding === "cl100k_base") pending = import("gpt-tokenizer/encoding/cl100k_base");
    else {
      return Promise.reject(
        new Error(
          `[assay/mcp] Unknown token encoding ${JSON.stringify(encoding)}; use "o200k_base" or "cl100k_base".`,
        ),
      );
    }
    loaded.set(encoding, pending);
  }
  return pending;
}

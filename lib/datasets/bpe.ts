// Exact BPE token counts of pre-tokenised pieces, fast enough for megabytes of machine text (base64,
// URLs, minified JSON, code) and of text in any script. gpt-tokenizer gives the same counts, but per
// merge step it decodes a byte slice into a fresh string and looks it up in a map of every token, and
// its 100,000-entry LRU cache slows down as it evicts (V8 skips the deleted entries at the front of a
// Map on every eviction): a 1,000,000-character random URL took 5 to 10 s of CPU. Here a piece is
// handled as its UTF-8 bytes, one char code per byte (ASCII text as it is); one- and two-byte tokens
// come from typed arrays, longer ones from a map keyed the same way.
// Same merge order as tiktoken's reference `_byte_pair_merge` (lowest rank first, leftmost on a tie),
// so the count is exact; tests/unit/datasets/tokens-long.test.ts compares it with gpt-tokenizer.

const NONE = 0x7fffffff;
const MEMO_SIZE = 50_000;
const encoder = new TextEncoder();

export interface PieceCounter {
  /** Tokens in `piece`, one match of the encoding's pre-tokeniser pattern. */
  count(piece: string): number;
}

/** Builds the lookup tables from an encoding's rank list (index = rank, as gpt-tokenizer ships it). */
export function pieceCounter(ranks: readonly (string | readonly number[])[]): PieceCounter {
  const single = new Int32Array(256).fill(NONE);
  const pair = new Int32Array(256 * 256).fill(NONE);
  const longer = new Map<string, number>();
  ranks.forEach((token, rank) => {
    const key = typeof token === "string" ? byteString(token) : String.fromCharCode(...token);
    if (key.length === 1) single[key.charCodeAt(0)] = rank;
    else if (key.length === 2) pair[(key.charCodeAt(0) << 8) | key.charCodeAt(1)] = rank;
    else longer.set(key, rank); // a repeated token keeps its last rank, as in gpt-tokenizer
  });

  const rankOf = (bytes: string, start: number, end: number): number => {
    const n = end - start;
    if (n === 2) return pair[(bytes.charCodeAt(start) << 8) | bytes.charCodeAt(start + 1)];
    if (n === 1) return single[bytes.charCodeAt(start)];
    return longer.get(bytes.slice(start, end)) ?? NONE;
  };

  // Scratch arrays reused across calls (counting is synchronous); grown for longer pieces.
  let starts = new Int32Array(256);
  let pairRanks = new Int32Array(256);
  // Words of real text repeat; random text does not. A memo that is emptied when full (never LRU:
  // evicting from a Map one entry at a time is what made gpt-tokenizer's cache slow) serves both.
  const memo = new Map<string, number>();

  return {
    count(piece: string): number {
      const bytes = byteString(piece);
      const n = bytes.length;
      // gpt-tokenizer looks a piece up whole by its text, which never finds one with a lone surrogate;
      // only its merges see the bytes, where TextEncoder made the surrogate U+FFFD (as byteString does).
      const whole = bytes === piece || !LONE_SURROGATE.test(piece);
      if (n <= 1 || (whole && rankOf(bytes, 0, n) !== NONE)) return 1;
      const known = memo.get(piece);
      if (known !== undefined) return known;
      if (starts.length < n + 1) {
        starts = new Int32Array(2 * n + 2);
        pairRanks = new Int32Array(2 * n + 2);
      }
      // Parts start at starts[0..m-2] (starts[m-1] = n); pairRanks[i] = rank of parts i and i+1 merged.
      let m = n + 1;
      for (let i = 0; i <= n; i++) starts[i] = i;
      for (let i = 0; i < n - 1; i++) pairRanks[i] = rankOf(bytes, i, i + 2);
      while (m > 2) {
        let best = NONE;
        let at = -1;
        for (let i = 0; i < m - 2; i++) {
          if (pairRanks[i] < best) {
            best = pairRanks[i];
            at = i;
          }
        }
        if (at < 0) break;
        // Parts at and at+1 become one: drop starts[at+1] and the rank of the pair (at+1, at+2).
        starts.copyWithin(at + 1, at + 2, m);
        pairRanks.copyWithin(at + 1, at + 2, m - 1);
        m -= 1;
        pairRanks[at] = at + 2 < m ? rankOf(bytes, starts[at], starts[at + 2]) : NONE;
        if (at > 0) pairRanks[at - 1] = rankOf(bytes, starts[at - 1], starts[at + 1]);
      }
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(piece, m - 1);
      return m - 1;
    },
  };
}

const scratch = new Uint8Array(4096);

/** `text`'s UTF-8 bytes as a string of char codes 0-255 (ASCII text is returned as it is). */
function byteString(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text;
  const bytes = text.length * 3 <= scratch.length ? scratch.subarray(0, encoder.encodeInto(text, scratch).written) : encoder.encode(text);
  let out = "";
  for (let at = 0; at < bytes.length; at += 4096) out += String.fromCharCode.apply(null, bytes.subarray(at, at + 4096) as unknown as number[]);
  return out;
}

/** A UTF-16 surrogate without its other half (JSON's "\ud800" parses to one). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

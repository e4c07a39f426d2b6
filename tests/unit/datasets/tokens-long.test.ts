// Long pieces are counted in segments (lib/datasets/tokens.ts, countInSegments). These tests state
// how far that count may drift from gpt-tokenizer's exact count, on inputs short enough (20,000
// characters) for the exact, quadratic count to be affordable.
import { beforeAll, describe, expect, it } from "vitest";
import { countTokens as exactCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as exactO200k } from "gpt-tokenizer/encoding/o200k_base";
import { countInSegments, getEncoding, MAX_RUN_BYTES, MAX_SEGMENT_CHARS, type TokenEncoding } from "@/lib/datasets/tokens";

const ORDINARY = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const exact = { cl100k_base: (t: string) => exactCl100k(t, ORDINARY), o200k_base: (t: string) => exactO200k(t, ORDINARY) };

let seed = 20261203;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = (alphabet: string, n: number) => {
  const chars = [...alphabet];
  let s = "";
  while (s.length < n) s += chars[Math.floor(random() * chars.length)];
  return s.slice(0, n);
};
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const N = 20_000;
const N_RUN = 10_000; // the exact count of one long piece is quadratic: keep it affordable

/** Inputs that have a piece boundary every few characters: counted whole, so exactly. */
const withBoundaries: Record<string, () => string> = {
  base64: () => pick(LETTERS + "0123456789+/", N) + "==",
  "a long URL": () => {
    let url = "https://storage.example.com/bucket/";
    while (url.length < N) url += `${pick(LETTERS, 7)}/${pick("0123456789abcdef", 12)}?sig=${pick(LETTERS + "0123456789", 16)}&x-id=GetObject&`;
    return url;
  },
  "minified JSON": () => {
    const rows = [];
    for (let i = 0; rows.join(",").length < N; i++) rows.push({ id: i * 7919, name: pick(LETTERS, 9), price: random() * 100, tags: [pick(LETTERS, 4), "ok"], nested: { a: null, b: true } });
    return JSON.stringify(rows);
  },
  "prose with line breaks": () => Array.from({ length: 600 }, (_, i) => `Line ${i}: the quick brown fox's ${pick(LETTERS, 6)} jumps over the lazy dog.\n`).join(""),
};

/** Inputs with one stretch that has no boundary: cut every MAX_RUN_BYTES, so the count drifts. */
const withoutBoundaries: Record<string, () => string> = {
  "one letter repeated": () => "a".repeat(N_RUN),
  "random letters": () => pick(LETTERS, N_RUN),
  "lower-case letters": () => pick("abcdefghijklmnopqrstuvwxyz", N_RUN),
  punctuation: () => pick("{}[]()<>!?.,;:-_=+*&^%$#@~|", N_RUN),
  "a run of spaces": () => " ".repeat(N_RUN),
  "a run of line breaks": () => "\n".repeat(N_RUN),
  "a long number": () => pick("0123456789", N_RUN),
  "unspaced Chinese": () => pick("的一是不了人我在有他这为之大来以个中上们", N_RUN / 3), // 3 bytes a character
};

let encodings: TokenEncoding[];
beforeAll(async () => {
  encodings = await Promise.all([getEncoding("cl100k_base"), getEncoding("o200k_base")]);
});

describe("token counts of long texts", () => {
  it.each(Object.entries(withBoundaries))("counts %s exactly", (_, make) => {
    const text = make();
    for (const enc of encodings) expect({ enc: enc.name, tokens: enc.count(text) }).toEqual({ enc: enc.name, tokens: exact[enc.name](text) });
  });

  it.each(Object.entries(withoutBoundaries))("counts %s within 1% of the exact count, and within one token per cut", (_, make) => {
    const text = make();
    const cuts = Math.ceil(Buffer.byteLength(text) / MAX_RUN_BYTES);
    for (const enc of encodings) {
      const want = exact[enc.name](text);
      const got = enc.count(text);
      const drift = Math.abs(got - want);
      expect(drift / want, `${enc.name}: counted ${got}, exact ${want}`).toBeLessThanOrEqual(0.01);
      expect(drift, `${enc.name}: counted ${got}, exact ${want}, ${cuts} cuts`).toBeLessThanOrEqual(cuts);
    }
  }, 30_000);

  it("counts a 1,000,000-character word of one letter at the rate of its exact 10,000-character count", () => {
    // Before segmenting this never finished (BPE is quadratic in a piece); the speed is in bench/tokens.ts.
    for (const enc of encodings) {
      const rate = exact[enc.name]("a".repeat(N_RUN)) / N_RUN;
      expect(enc.count("a".repeat(1_000_000)) / 1_000_000).toBeCloseTo(rate, 4);
    }
  });

  it("a JSON tool result with a 100,000-character base64 blob counts exactly", () => {
    const text = JSON.stringify({ file: "scan.png", data: pick(LETTERS + "0123456789+/", 100_000) });
    for (const enc of encodings) expect(enc.count(text)).toBe(exact[enc.name](text));
  });
});

describe("exact counts of random text (no piece repeats, so no cache answers)", () => {
  // mulberry32: unlike the LCG above, its output does not cycle within these lengths.
  let state = 7;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const draw = (alphabet: string, n: number) => {
    const chars = [...alphabet];
    return Array.from({ length: n }, () => chars[Math.floor(next() * chars.length)]).join("");
  };
  const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") + "\n\t\r";
  // Every case has a boundary at least every MAX_RUN_BYTES (a space, digit or punctuation), so no cut drifts.
  const cases: Record<string, () => string> = {
    "printable ASCII with spaces, tabs and line breaks": () => draw(ASCII, N),
    "base64 with padding": () => draw(LETTERS + "0123456789+/", N) + "==",
    "a URL with query strings": () => Array.from({ length: 400 }, () => `/${draw(LETTERS, 7)}/${draw("0123456789abcdef", 12)}?sig=${draw(LETTERS + "0123456789", 16)}&`).join(""),
    "words of mixed case, contractions and digits": () => Array.from({ length: 2500 }, () => draw(LETTERS, 1 + Math.floor(next() * 9)) + draw(["'s", "'LL", "'re", "", "", "7", "2024"][Math.floor(next() * 7)], 1)).join(" "),
    "ASCII mixed with accents, CJK and emoji": () => draw(LETTERS + " .,é ü ß 東京 😀 ", N),
    "words in Cyrillic, Greek, Arabic and Devanagari": () => draw("абвгдежзийклмнопрстуфхцчшщыэюя αβγδεζηθ مرحبا नमस्ते   \n", N),
    "text with lone surrogates": () => `${draw("abcdefgh é.", N / 2)}\uD800 x\uDC00${draw("ABCDEFGH 😀,", N / 2)}`,
  };

  it.each(Object.entries(cases))("counts %s exactly, as gpt-tokenizer does", (_, make) => {
    const text = make();
    for (const enc of encodings) expect({ enc: enc.name, tokens: enc.count(text) }).toEqual({ enc: enc.name, tokens: exact[enc.name](text) });
  });
});

describe("countInSegments", () => {
  const segmentsOf = (text: string) => {
    const segments: string[] = [];
    countInSegments(text, (s) => (segments.push(s), 0));
    return segments;
  };

  it("loses no character and cuts only stretches longer than MAX_RUN_BYTES", () => {
    const blob = pick(LETTERS + "0123456789", 3000); // a digit every few characters: never cut
    const text = `intro ${"x".repeat(1000)} middle ${blob} ${"é".repeat(500)} end`;
    const segments = segmentsOf(text);
    expect(segments.join("")).toBe(text);
    expect(segments.some((s) => s.includes(blob))).toBe(true);
    expect(segments.length).toBe(1 + Math.floor(1000 / MAX_RUN_BYTES) + Math.floor((500 * 2) / MAX_RUN_BYTES));
  });

  it("never cuts between the two halves of a surrogate pair", () => {
    const text = "😀".repeat(1000); // 4 UTF-8 bytes each: one cut every 32 emoji
    const segments = segmentsOf(text);
    expect(segments.length).toBeGreaterThan(1);
    expect(segments.join("")).toBe(text);
    // A lone half would not survive a UTF-8 round trip.
    for (const s of segments) expect(Buffer.from(s, "utf8").toString("utf8")).toBe(s);
  });

  it("leaves short texts whole and cuts long texts full of boundaries only at a boundary", () => {
    expect(segmentsOf("hello")).toEqual(["hello"]);
    const prose = "The order 12345 ships today. ".repeat(2000);
    const segments = segmentsOf(prose);
    expect(segments.join("")).toBe(prose);
    expect(segments.length).toBeGreaterThan(1);
    // Cut at boundaries only: the segments' exact counts add up to the whole text's.
    const sum = segments.reduce((n, s) => n + exact.cl100k_base(s), 0);
    expect(sum).toBe(exact.cl100k_base(prose));
    for (const s of segments) expect(s.length).toBeLessThanOrEqual(MAX_SEGMENT_CHARS + 29);
  });
});

// Benchmark: counting tokens of one very long word (a 1,000,000-character run without spaces), as in
// a base64 blob or a minified JSON tool result pasted into a dataset line.
//   npx tsx bench/tokens.ts          (BENCH_CHARS to change the size)
// Prints, per input and encoding, the count, the wall and the CPU milliseconds (medians of 3, after a
// warm-up on a different string; the inputs come from a PRNG good enough that no piece repeats, so no
// cache answers for us); the verdict is on CPU time, which a busy shared machine inflates less than
// wall time. "before" counts the same text the way lib/datasets/tokens.ts did before ASCII segments
// got their own BPE (bpe-ascii.ts): every segment through gpt-tokenizer and its LRU merge cache.
// Before long pieces were cut (countInSegments), 100,000 letters took 7 s and 1,000,000 did not
// finish in 2 minutes: the last line times the exact count of growing letter runs to show that curve.
import { performance } from "node:perf_hooks";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { countInSegments, getEncoding, type EncodingName } from "../lib/datasets/tokens";

const ORDINARY = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const gptTokenizer = { cl100k_base: cl100k, o200k_base: o200k };

const cpuMs = (f: () => number) => {
  const c0 = process.cpuUsage();
  const tokens = f();
  const c = process.cpuUsage(c0);
  return { tokens, ms: (c.user + c.system) / 1000 };
};

const CHARS = Number(process.env.BENCH_CHARS ?? 1_000_000);
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function maker(seed: number) {
  // mulberry32: an LCG's low-quality output cycles within a few thousand pieces, which let
  // gpt-tokenizer's merge cache answer for most of a "random" text and hid the real cost.
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = (alphabet: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(alphabet[Math.floor(random() * alphabet.length)]);
    return out.join("");
  };
  return {
    "base64 blob": (n: number) => pick(LETTERS + "0123456789+/", n),
    "one letter repeated": (n: number) => "a".repeat(n),
    "accented words and emoji": (n: number) => {
      const words: string[] = [];
      const chars = [..."aeiouéèüößçñ東京😀"]; // code points: no lone surrogate halves
      for (let length = 0; length < n; length += 8) words.push(Array.from({ length: 7 }, () => chars[Math.floor(random() * chars.length)]).join(""));
      return words.join(" ").slice(0, n);
    },
    "letters only, no digit": (n: number) => pick(LETTERS, n),
    "punctuation run": (n: number) => pick("{}[]()<>!?.,;:-_=+*&^%$#@~|", n),
    "minified JSON": (n: number) => {
      const rows: string[] = [];
      let length = 0;
      for (let i = 0; length < n; i++) {
        const row = JSON.stringify({ id: i, name: pick(LETTERS, 9), price: random() * 100, tags: [pick(LETTERS, 4)] });
        rows.push(row);
        length += row.length + 1;
      }
      return `[${rows.join(",")}]`.slice(0, n);
    },
    "long URL": (n: number) => {
      const parts = ["https://storage.example.com/"];
      let length = parts[0].length;
      while (length < n) {
        const p = `${pick(LETTERS, 7)}/${pick("0123456789abcdef", 12)}?sig=${pick(LETTERS + "0123456789", 16)}&`;
        parts.push(p);
        length += p.length;
      }
      return parts.join("").slice(0, n);
    },
  };
}

async function main() {
  const inputs = maker(1);
  const warm = maker(2);
  console.log(`token count of one ${CHARS.toLocaleString("en")}-character word (medians of 3; "before": every segment through gpt-tokenizer and its cache, once)`);
  for (const name of ["cl100k_base", "o200k_base"] as EncodingName[]) {
    const enc = await getEncoding(name);
    for (const label of Object.keys(inputs)) {
      enc.count(warm[label as keyof typeof warm](CHARS));
      const wall: number[] = [];
      const cpu: number[] = [];
      let tokens = 0;
      for (let i = 0; i < 3; i++) {
        const text = maker(10 + i)[label as keyof typeof inputs](CHARS);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        tokens = enc.count(text);
        const c = process.cpuUsage(c0);
        wall.push(performance.now() - t0);
        cpu.push((c.user + c.system) / 1000);
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
      const verdict = median(cpu) < 1000 ? "under 1 s" : "OVER 1 s";
      const mod = gptTokenizer[name];
      const before = cpuMs(() => countInSegments(maker(10)[label as keyof typeof inputs](CHARS), (s) => mod.countTokens(s, ORDINARY)));
      mod.clearMergeCache();
      console.log(
        `  ${name.padEnd(12)} ${label.padEnd(26)} ${String(tokens).padStart(9)} tokens ${median(wall).toFixed(0).padStart(6)} ms wall ${median(cpu).toFixed(0).padStart(6)} ms CPU  ${verdict}` +
          `   before ${before.ms.toFixed(0).padStart(6)} ms CPU (${(before.ms / median(cpu)).toFixed(1)}x)`,
      );
    }
  }
  const curve = [5_000, 10_000, 20_000].map((n) => {
    const text = maker(99)["letters only, no digit"](n);
    const t0 = performance.now();
    cl100k.countTokens(text, ORDINARY);
    const exactMs = performance.now() - t0;
    return `${n.toLocaleString("en")} letters ${exactMs.toFixed(0)} ms`;
  });
  console.log(`  uncut (gpt-tokenizer alone, quadratic): ${curve.join(", ")}`);
}

void main();

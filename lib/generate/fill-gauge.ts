// "Fill the gauge to the band": how many no_tool negatives (or tool calls) bring the routing no_tool
// share to the middle of the 10–20% band, and how to spread them over the tools. Pure.
import { NO_TOOL_BAND } from "../gauge";

/** The middle of the 10–20% band (written out: (0.1 + 0.2) / 2 is 0.15000000000000002). */
export const BAND_TARGET = 0.15;

export interface GaugeFill {
  /** What to add: negatives (no_tool), calls, or nothing. */
  add: "negative" | "positive" | null;
  count: number;
  /** The share after adding `count`, or null when nothing is labelled. */
  after: number | null;
  /** The arithmetic, for the user to check. */
  explanation: string;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const num = (x: number) => String(Math.round(x * 10_000) / 10_000);
const inBand = (r: number) => {
  const bp = Math.round(r * 10_000);
  return bp >= NO_TOOL_BAND.min * 10_000 && bp <= NO_TOOL_BAND.max * 10_000;
};

/** Of the integers around `exact`, the one whose share lands in the band nearest the target (else the nearest). */
function bestCount(exact: number, shareAt: (k: number) => number, target: number): number {
  // Outside the band something must be added: at least one.
  const options = [...new Set([Math.max(1, Math.floor(exact)), Math.max(1, Math.ceil(exact))])];
  const score = (k: number) => (inBand(shareAt(k)) ? 0 : 1) * 10 + Math.abs(shareAt(k) - target);
  return options.sort((a, b) => score(a) - score(b))[0];
}

/** `noTool` of `decisions` routing decisions are no_tool now. */
export function fillGauge(noTool: number, decisions: number, target = BAND_TARGET): GaugeFill {
  if (!Number.isInteger(noTool) || !Number.isInteger(decisions) || noTool < 0 || noTool > decisions)
    throw new RangeError(`invalid counts: ${noTool} of ${decisions}`);
  if (decisions === 0)
    return {
      add: null,
      count: 0,
      after: null,
      explanation: "No labelled routing decisions yet: generate tool calls first, then fill the gauge.",
    };
  const now = noTool / decisions;
  if (inBand(now))
    return {
      add: null,
      count: 0,
      after: now,
      explanation: `${noTool} / ${decisions} = ${pct(now)} no_tool: already inside the 10–20% band.`,
    };
  if (now < NO_TOOL_BAND.min) {
    // (n + x) / (d + x) = t  →  x = (t·d − n) / (1 − t)
    const exact = (target * decisions - noTool) / (1 - target);
    const x = bestCount(exact, (k) => (noTool + k) / (decisions + k), target);
    const after = (noTool + x) / (decisions + x);
    return {
      add: "negative",
      count: x,
      after,
      explanation: `(${noTool} + x) / (${decisions} + x) = ${pct(target)} → x = (${num(target)} × ${decisions} − ${noTool}) / ${num(1 - target)} = ${num(exact)} ≈ ${x} no_tool negatives → ${noTool + x} / ${decisions + x} = ${pct(after)}${inBand(after) ? "" : " (too few decisions to land inside the band: add tool calls too)"}`,
    };
  }
  // n / (d + y) = t  →  y = n / t − d
  const exact = noTool / target - decisions;
  const y = bestCount(exact, (k) => noTool / (decisions + k), target);
  const after = noTool / (decisions + y);
  return {
    add: "positive",
    count: y,
    after,
    explanation: `${noTool} / (${decisions} + y) = ${pct(target)} → y = ${noTool} / ${num(target)} − ${decisions} = ${num(exact)} ≈ ${y} tool calls → ${noTool} / ${decisions + y} = ${pct(after)}`,
  };
}

/** `count` spread over the tools as evenly as it goes, the first tools taking the remainder. */
export function spread(count: number, tools: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (tools.length === 0) return out;
  const base = Math.floor(count / tools.length);
  tools.forEach((t, i) => (out[t] = base + (i < count % tools.length ? 1 : 0)));
  return out;
}

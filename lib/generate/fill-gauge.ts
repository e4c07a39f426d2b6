// "Fill the gauge to the band": how many no_tool negatives (or tool calls) bring the routing no_tool
// share to the middle of the 10–20% band, and how to spread them over the tools. Pure.
import { NO_TOOL_BAND } from "../gauge";

export const BAND_TARGET = (NO_TOOL_BAND.min + NO_TOOL_BAND.max) / 2; // 15%

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

/** `noTool` of `decisions` routing decisions are no_tool now. */
export function fillGauge(noTool: number, decisions: number, target = BAND_TARGET): GaugeFill {
  if (!Number.isInteger(noTool) || !Number.isInteger(decisions) || noTool < 0 || noTool > decisions) throw new RangeError(`invalid counts: ${noTool} of ${decisions}`);
  if (decisions === 0) return { add: null, count: 0, after: null, explanation: "No labelled routing decisions yet: generate tool calls first, then fill the gauge." };
  const now = noTool / decisions;
  const bp = Math.round(now * 10_000);
  if (bp >= NO_TOOL_BAND.min * 10_000 && bp <= NO_TOOL_BAND.max * 10_000)
    return { add: null, count: 0, after: now, explanation: `${noTool} / ${decisions} = ${pct(now)} no_tool: already inside the 10–20% band.` };
  if (now < NO_TOOL_BAND.min) {
    // (n + x) / (d + x) = t  →  x = (t·d − n) / (1 − t)
    const x = Math.ceil((target * decisions - noTool) / (1 - target) - 1e-9);
    const after = (noTool + x) / (decisions + x);
    return {
      add: "negative",
      count: x,
      after,
      explanation: `(${noTool} + x) / (${decisions} + x) = ${pct(target)} → x = (${target} × ${decisions} − ${noTool}) / ${1 - target} = ${x} no_tool negatives → ${noTool + x} / ${decisions + x} = ${pct(after)}`,
    };
  }
  // n / (d + y) = t  →  y = n / t − d
  const y = Math.ceil(noTool / target - decisions - 1e-9);
  const after = noTool / (decisions + y);
  return {
    add: "positive",
    count: y,
    after,
    explanation: `${noTool} / (${decisions} + y) = ${pct(target)} → y = ${noTool} / ${target} − ${decisions} = ${y} tool calls → ${noTool} / ${decisions + y} = ${pct(after)}`,
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

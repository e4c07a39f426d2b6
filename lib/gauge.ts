// The no_tool ratio and how it sits against the recommended band. Pure, shared by server and browser.
import type { Band, FollowUpsDto, RatioDto } from "./schemas/stats";

export const NO_TOOL_BAND = { min: 0.1, max: 0.2 } as const;

export function bandOf(ratio: number | null): Band {
  if (ratio === null) return "empty";
  // Compare in whole basis points so 0.1 and 0.2 computed from counts (e.g. 1/10) land inside the band.
  const bp = Math.round(ratio * 10_000);
  if (bp < NO_TOOL_BAND.min * 10_000) return "below";
  if (bp > NO_TOOL_BAND.max * 10_000) return "above";
  return "within";
}

export function adviceFor(band: Band, ratio: number | null): string {
  const pct = ratio === null ? "" : percentForAdvice(ratio, band);
  switch (band) {
    case "empty":
      return "No labelled examples yet: label some, including a few that need no tool.";
    case "below":
      return `${pct} no_tool is below 10%: the model will learn to always call a tool. Add greetings, information requests and underspecified requests labelled no_tool.`;
    case "above":
      return `${pct} no_tool is above 20%: the model will learn to hedge and decline requests it should route. Add more tool-call examples.`;
    case "within":
      return `${pct} no_tool is inside the recommended 10–20% band.`;
  }
}

/** The no_tool ratio of routing decisions; follow-ups, when given, ride along without moving it. */
export function ratioOf(noTool: number, decisions: number, followUps?: FollowUpsDto): RatioDto {
  if (!Number.isInteger(noTool) || !Number.isInteger(decisions) || noTool < 0 || decisions < 0 || noTool > decisions) {
    throw new RangeError(`invalid counts: ${noTool} no_tool of ${decisions} decisions`);
  }
  const ratio = decisions === 0 ? null : noTool / decisions;
  const band = bandOf(ratio);
  const out: RatioDto = { decisions, noTool, toolCalls: decisions - noTool, ratio, band, advice: adviceFor(band, ratio) };
  if (followUps) out.followUps = followUpsOf(followUps.decisions, followUps.calls);
  return out;
}

/** Follow-up decisions split into answers (plain replies that use a tool result) and chained calls. */
export function followUpsOf(decisions: number, calls: number): FollowUpsDto {
  if (!Number.isInteger(decisions) || !Number.isInteger(calls) || calls < 0 || calls > decisions) {
    throw new RangeError(`invalid counts: ${calls} chained calls of ${decisions} follow-ups`);
  }
  return { decisions, answers: decisions - calls, calls };
}

export function formatPercent(ratio: number, digits = 1): string {
  const scale = 10 ** digits;
  const pct = Math.round(ratio * 100 * scale) / scale; // 0.07 * 100 is 7.000000000000001
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(digits)}%`;
}

/** The ratio as text, with a second decimal where one decimal would round onto a band edge it is outside of. */
function percentForAdvice(ratio: number, band: Band): string {
  const text = formatPercent(ratio);
  const onEdge = text === "10%" || text === "20%";
  return onEdge && band !== "within" ? formatPercent(ratio, 2) : text;
}

/** Needle angle in degrees for a half-circle gauge spanning 0 to `max` (default 40%): -90 (left) to +90 (right). */
export function needleAngle(ratio: number | null, max = 0.4): number {
  if (ratio === null) return -90;
  return -90 + (Math.min(Math.max(ratio, 0), max) / max) * 180;
}

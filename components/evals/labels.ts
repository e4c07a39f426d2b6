// Words, tones and number formats the eval screens share. Pure, so they are unit-tested.
import { formatCount } from "@/lib/client/format";
import type { GoldAnswer } from "@/lib/formats/types";
import type { EvalBackend, EvalDto } from "@/lib/schemas/evals";
import { decisionLabel as labelOf } from "@/lib/scoring/labels";
import type { EvalSummary, ExampleScore, ParsedDecision, Rate, Verdict } from "@/lib/scoring/types";

export type Tone = "muted" | "info" | "ok" | "warn" | "danger";

export const VERDICT_LABEL: Record<Verdict, string> = {
  correct: "correct",
  wrong_arguments: "wrong arguments",
  wrong_tool: "wrong tool",
  false_tool_call: "false tool call",
  missed_call: "missed call",
  invalid: "invalid",
  parse_failure: "parse failure",
};

/** What each verdict means, for titles and the chip legend. */
export const VERDICT_HINT: Record<Verdict, string> = {
  correct: "The whole decision matches the gold.",
  wrong_arguments: "A valid call to the right tool with an argument that differs: silent corruption.",
  wrong_tool: "A valid call to another tool than the gold one: silent corruption, the dangerous failure.",
  false_tool_call: "The gold says no tool, and the model called one anyway.",
  missed_call: "The gold calls a tool, and the model answered without one.",
  invalid: "Parsed, but names an unknown tool or its arguments fail the tool's schema.",
  parse_failure: "Nothing decodable: the safe failure, an application would reject it.",
};

/** Silent corruption is red (an application would act on it); refusals and garbage are amber. */
export const VERDICT_TONE: Record<Verdict, Tone> = {
  correct: "ok",
  wrong_arguments: "danger",
  wrong_tool: "danger",
  false_tool_call: "danger",
  missed_call: "warn",
  invalid: "warn",
  parse_failure: "warn",
};

const STATUS_TONE: Record<string, Tone> = { queued: "muted", running: "info", succeeded: "ok", failed: "danger", cancelled: "muted" };
export const evalStatusTone = (status: string): Tone => STATUS_TONE[status] ?? "warn";

export const EVAL_BACKEND_LABEL: Record<EvalBackend, string> = { openai: "OpenAI", gpu: "GPU agent", together: "Together AI", fireworks: "Fireworks AI", endpoint: "Endpoint" };

/** "OpenAI", "GPU agent", or the saved endpoint's name. */
export function whereText(ev: Pick<EvalDto, "backend" | "endpointName">): string {
  if (ev.backend === "endpoint") return ev.endpointName ?? "deleted endpoint";
  return EVAL_BACKEND_LABEL[ev.backend] ?? ev.backend;
}

/** Counts as every screen writes them (lib/client/format.ts). */
export { formatCount };

/** 0.8734 -> "87.3%"; null -> "—". Whole percentages lose their ".0" only at 0 and 100. */
export function formatPct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const pct = value * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  return `${pct.toFixed(digits)}%`;
}

/** "7 / 8"; "0 / 0" reads as "none" so an empty denominator is not mistaken for a score. */
export function formatNd(rate: Rate): string {
  return rate.d === 0 ? "none to count" : `${formatCount(rate.n)} / ${formatCount(rate.d)}`;
}

/** "840 ms", "1.24 s", "12 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** Eval costs are small: two significant digits below a cent ("$0.0042"), cents above. */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v === 0) return "$0";
  if (v < 0.01) return `$${Number(v.toPrecision(2))}`;
  if (v < 100) return `$${v.toFixed(2)}`;
  return `$${formatCount(Math.round(v))}`;
}

export interface MetricDef {
  key: "validRate" | "toolNameAccuracy" | "argAccuracy" | "falseToolCallRate" | "silentCorruptionRate" | "missedCallRate" | "exactMatch";
  label: string;
  /** Which way is good: false tool calls, missed calls and silent corruption should be low. */
  better: "higher" | "lower";
  /** What the denominator is, in words. */
  of: string;
  hint: string;
}

/** The four numbers, in the order the report shows them. */
export const HEADLINE: readonly MetricDef[] = [
  {
    key: "validRate",
    label: "Valid tool-call rate",
    better: "higher",
    of: "of all outputs",
    hint: "Outputs that parse and name catalogue tools (or no tool) with arguments that pass each tool's JSON Schema.",
  },
  {
    key: "toolNameAccuracy",
    label: "Tool-name accuracy",
    better: "higher",
    of: "of all examples",
    hint: "The model chose the gold tool(s), or correctly called none.",
  },
  {
    key: "argAccuracy",
    label: "Argument accuracy",
    better: "higher",
    of: "of valid calls to the right tool",
    hint: "Of the valid outputs that called the right tool(s), how many had the gold arguments.",
  },
  {
    key: "falseToolCallRate",
    label: "False-tool-call rate",
    better: "lower",
    of: "of no-tool examples",
    hint: "The gold says answer without a tool, and the model called one. Small models over-call tools; lower is better.",
  },
];

export const SECONDARY: readonly MetricDef[] = [
  {
    key: "silentCorruptionRate",
    label: "Silent corruption",
    better: "lower",
    of: "of all examples",
    hint: "A valid call with the wrong tool or wrong arguments: it passes every schema check, so an application would act on it. The dangerous failure.",
  },
  {
    key: "missedCallRate",
    label: "Missed-call rate",
    better: "lower",
    of: "of tool-call examples",
    hint: "The gold calls a tool, and the model answered without one.",
  },
  {
    key: "exactMatch",
    label: "Exact match",
    better: "higher",
    of: "of all examples",
    hint: "The whole decision is right: tool(s) and arguments.",
  },
];

export const ALL_METRICS: readonly MetricDef[] = [...HEADLINE, ...SECONDARY];

export const rateOf = (summary: EvalSummary, key: MetricDef["key"]): Rate => summary[key];

/** A value shown as an argument literal: strings quoted, the rest as JSON. */
const literal = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

/** `track_order(order_id="ORD-1", email="a@b.c" | omitted)`: acceptable alternatives separated by "|". */
export function goldCallText(call: GoldAnswer): string {
  const args = Object.entries(call.arguments).map(([k, values]) => {
    const alts = values.map((v) => (v === "" ? "omitted" : literal(v)));
    return `${k}=${alts.join(" | ")}`;
  });
  return `${call.name}(${args.join(", ")})`;
}

export { goldLabel } from "@/lib/scoring/labels";

/** What the model decided, as a label for lists. */
export const decisionLabel = (decision: ParsedDecision | null | undefined): string => labelOf(decision, "unparsed");

/** The predicted label of a scored result; "invalid" when the call names no catalogue tool or fails its schema. */
export function predictedLabel(score: ExampleScore | null): string {
  if (!score) return "—";
  if (score.parse === "failed") return "parse failure";
  return decisionLabel(score.parsed);
}

/** Clips long text for one-line cells (the full text is in the title attribute). */
export function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Arguments JSON pretty-printed for the parsed call view. */
export const pretty = (v: unknown) => JSON.stringify(v, null, 2);

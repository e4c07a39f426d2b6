// Preference pairs from an eval's failures: the prompt as it was asked, chosen = the gold decision,
// rejected = the model's answer as it was (its tool calls with their argument strings, or its text;
// a parse failure is a rejected answer too, the safe failure). Written as JSONL by lib/formats/preference.
import type { EvalConfig } from "../../schemas/evals";
import { FAILURE_VERDICTS, type FailureVerdict, type PreferenceCountsDto, type PreferenceFormat } from "../../schemas/eval-failures";
import { toOpenAIPreference, toTrlPreference, type PreferencePair, type RawAssistantAnswer } from "../../formats/preference";
import { decisionFromGold } from "../../scoring/gold";
import type { RawOutput } from "../../scoring/types";
import { parseJsonText } from "../json-text";
import { failureCounts, failureRows, requireEvalOf, type FailureRow } from "./failures";

/** The model's answer as an assistant message; null when there was none to learn from. */
export function rawAnswerOf(output: RawOutput | null): RawAssistantAnswer | null {
  if (output === null || output === undefined) return null;
  if (typeof output === "string") return { content: output };
  const calls = (output.tool_calls ?? []).map((c) => ({
    ...(c.id ? { id: c.id } : {}),
    name: c.function.name,
    arguments: c.function.arguments,
  }));
  if (calls.length === 0 && (output.content === null || output.content === undefined)) return { content: "" };
  return calls.length > 0 ? { content: output.content ?? null, tool_calls: calls } : { content: output.content ?? "" };
}

export function pairOf(row: FailureRow, config: Pick<EvalConfig, "system" | "tools">, evalId: string): PreferencePair | null {
  const rejected = rawAnswerOf(row.output);
  if (!rejected) return null;
  return {
    system: row.system ?? config.system,
    messages: row.messages,
    tools: config.tools,
    chosen: decisionFromGold(row.gold),
    rejected,
    source: { kind: "eval", id: `${evalId}:${row.id}`, label: `example #${row.exampleNumber} · ${row.verdict}` },
    parseFailure: row.verdict === "parse_failure",
  };
}

/** Pairs the eval's failures make, by verdict: its answered failures (every one has an answer). */
export async function preferenceCounts(projectId: string, evalId: string): Promise<PreferenceCountsDto> {
  await requireEvalOf(projectId, evalId);
  const byVerdict = await failureCounts(evalId);
  return { byVerdict, total: FAILURE_VERDICTS.reduce((n, v) => n + byVerdict[v], 0) };
}

/** The eval's pairs as JSONL chunks (one per page of results), for a download or a DPO run's file. */
export async function* preferenceLines(
  projectId: string,
  evalId: string,
  opts: { format: PreferenceFormat; verdict?: FailureVerdict },
): AsyncGenerator<string> {
  const ev = await requireEvalOf(projectId, evalId);
  const config = parseJsonText<EvalConfig>(ev.config);
  const write = opts.format === "trl" ? toTrlPreference : toOpenAIPreference;
  const wopts = { style: config.style, parallelToolCalls: config.style === "native_tools" ? config.parallelToolCalls : undefined };
  for await (const page of failureRows(evalId, { verdict: opts.verdict })) {
    let chunk = "";
    for (const row of page) {
      const pair = pairOf(row, config, evalId);
      if (pair) chunk += JSON.stringify(write(pair, wopts)) + "\n";
    }
    if (chunk) yield chunk;
  }
}

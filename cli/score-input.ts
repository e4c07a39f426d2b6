// The files `tooltune score` reads: predictions JSONL, a ToolTune gold JSONL (OpenAI chat lines with
// optional "id" and "gold"), or BFCL question (+ possible_answer) files. Every problem names file and line.
import { bfcl, openai, type GoldAnswer } from "../lib/formats";
import { decodeRouterJson } from "../lib/formats/router-json";
import { FormatError, isObject } from "../lib/formats/util";
import { goldFromDecision } from "../lib/scoring/gold";
import type { GoldTarget, RawOutput, ScoringTool } from "../lib/scoring/types";
import { loadBfclAnswers, splitFile } from "../lib/server/imports/records";

/** Bad usage or unreadable input: exit code 2. */
export class UsageError extends Error {}

export interface GoldEntry {
  id: string;
  /** Another id a prediction may use (a project example's number). */
  alias?: string;
  gold: GoldTarget;
  tools: ScoringTool[];
  /** How the gold file wrote its target: a hint for the default --style. */
  native: boolean;
}

export interface Prediction {
  id: string;
  line: number;
  output: RawOutput;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

async function* jsonLines(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  let records;
  try {
    records = splitFile(file).records;
    for await (const { line, text } of records) {
      try {
        yield { line, value: JSON.parse(text) };
      } catch (e) {
        throw new UsageError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}

function idOf(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** `{"id", "output"}` lines; output is an assistant message ({content, tool_calls}) or a raw string. Optional latency_ms and usage. */
export async function readPredictions(file: string): Promise<Map<string, Prediction>> {
  const out = new Map<string, Prediction>();
  for await (const { line, value } of jsonLines(file)) {
    const at = `${file}:${line}`;
    if (!isObject(value)) throw new UsageError(`${at}: expected a JSON object {"id": ..., "output": ...}`);
    const id = idOf(value.id);
    if (id === null) throw new UsageError(`${at}: "id" is missing (a string or a number)`);
    const output = value.output;
    if (typeof output !== "string" && !isObject(output))
      throw new UsageError(`${at}: "output" must be the assistant message object or a string`);
    if (out.has(id)) throw new UsageError(`${at}: id ${JSON.stringify(id)} repeats line ${out.get(id)!.line}`);
    const usage = isObject(value.usage) ? value.usage : {};
    out.set(id, {
      id,
      line,
      output: output as RawOutput,
      latencyMs: num(value.latency_ms),
      promptTokens: num(usage.prompt_tokens),
      completionTokens: num(usage.completion_tokens),
    });
  }
  return out;
}

function readGoldAnswers(v: unknown, at: string): GoldAnswer[] | null {
  if (v === undefined || v === null) return null;
  const ok =
    Array.isArray(v) &&
    v.every((g) => isObject(g) && typeof g.name === "string" && isObject(g.arguments) && Object.values(g.arguments).every(Array.isArray));
  if (!ok) throw new UsageError(`${at}: "gold" must be [{"name": ..., "arguments": {"arg": [acceptable values]}}]`);
  return v as GoldAnswer[];
}

/** ToolTune gold JSONL: OpenAI chat fine-tuning lines whose last message is the target (tool_calls, router JSON or a reply). */
export async function readGoldFile(file: string): Promise<GoldEntry[]> {
  const out: GoldEntry[] = [];
  for await (const { line, value } of jsonLines(file)) {
    const at = `${file}:${line}`;
    const r = openai.parse(value, line);
    if (!r.ok) throw new UsageError(`${at}: ${r.error.reason}`);
    const last = r.value.example.messages.at(-1);
    if (!last || last.role !== "assistant") throw new UsageError(`${at}: the last message must be the assistant's target`);
    let decision = last.decision;
    let native = r.value.tools.length > 0 || decision.kind === "tool_calls";
    if (decision.kind === "no_tool" && last.content !== undefined) {
      try {
        decision = decodeRouterJson(last.content.trim(), "content");
        native = false;
      } catch (e) {
        if (!(e instanceof FormatError)) throw e; // a plain reply: a no_tool target
      }
    }
    const rec = value as Record<string, unknown>;
    const gold = goldFromDecision(
      decision.kind === "no_tool" && decision.reason === "" ? { kind: "no_tool", reason: last.content ?? "" } : decision,
      readGoldAnswers(rec.gold, at),
    );
    out.push({
      id: idOf(rec.id) ?? String(line),
      gold,
      tools: r.value.tools.map((t) => ({ name: t.name, parameters: t.parameters })),
      native,
    });
  }
  const inferred = inferTools(out);
  return out.map((e) => (e.tools.length > 0 ? e : { ...e, tools: inferred }));
}

/**
 * For lines without `tools` (router-style files usually have none): a catalogue of the tools the gold
 * calls, with the arguments it uses and no types, so names are still checked but values are not typed.
 */
function inferTools(entries: GoldEntry[]): ScoringTool[] {
  const props = new Map<string, Record<string, unknown>>();
  for (const e of entries) {
    if (e.gold.kind !== "tool_calls") continue;
    for (const c of e.gold.calls) {
      const p = props.get(c.name) ?? {};
      for (const k of Object.keys(c.arguments)) p[k] = {};
      props.set(c.name, p);
    }
  }
  return [...props].map(([name, properties]) => ({ name, parameters: { type: "object", properties } }));
}

/** BFCL question lines joined with their possible_answer lines (irrelevance files need none). */
export async function readBfcl(questions: string, answers: string | undefined): Promise<GoldEntry[]> {
  let byId: Map<string, GoldAnswer[]> = new Map();
  if (answers) {
    try {
      byId = await loadBfclAnswers(answers);
    } catch (e) {
      throw new UsageError(`${answers}: ${(e as Error).message}`);
    }
  }
  const out: GoldEntry[] = [];
  for await (const { line, value } of jsonLines(questions)) {
    const id = bfcl.bfclId(value);
    if (id === undefined) throw new UsageError(`${questions}:${line}: the question has no "id"`);
    const r = bfcl.mergeGold(value, byId.get(id), line);
    if (!r.ok) throw new UsageError(`${questions}:${line}: ${r.error.reason}`);
    const last = r.value.example.messages.at(-1);
    if (!last || last.role !== "assistant") throw new UsageError(`${questions}:${line}: no target`);
    out.push({
      id,
      gold: goldFromDecision(last.decision, r.value.gold),
      tools: r.value.tools.map((t) => ({ name: t.name, parameters: t.parameters })),
      native: true,
    });
  }
  return out;
}

// Which format a file is in, judged from its first records, and the registry of readers.
// Each record votes: a strong vote when its shape settles the question (ShareGPT `conversations`,
// BFCL `question` + `function`, router JSON replies, string or object arguments), a half vote when it
// only leans (a conversation without tool calls reads the same as OpenAI or TRL, and counts for both).
import * as bfcl from "./bfcl";
import * as openai from "./openai";
import * as router from "./router";
import * as sharegpt from "./sharegpt";
import * as trl from "./trl";
import { FORMAT_IDS, type FormatId, type RecordResult } from "./types";
import { isObject, tryJson } from "./util";

export interface FormatSpec {
  id: FormatId;
  label: string;
  /** How files of this format usually hold records (ShareGPT may also be JSONL, BFCL's .json files are JSONL). */
  fileKind: "jsonl" | "json-array";
  parse: (record: unknown, line: number) => RecordResult;
}

export const FORMATS: Record<FormatId, FormatSpec> = {
  openai: { id: "openai", label: "OpenAI chat fine-tuning (JSONL)", fileKind: "jsonl", parse: openai.parse },
  trl: { id: "trl", label: "TRL / Unsloth messages (JSONL)", fileKind: "jsonl", parse: trl.parse },
  sharegpt: { id: "sharegpt", label: "ShareGPT / LLaMA-Factory (JSON array)", fileKind: "json-array", parse: sharegpt.parse },
  router: { id: "router", label: "Router JSON replies (JSONL)", fileKind: "jsonl", parse: router.parse },
  bfcl: { id: "bfcl", label: "BFCL questions (JSONL)", fileKind: "jsonl", parse: bfcl.parseQuestion },
};

export interface Detection {
  format: FormatId;
  /** 0..1: the share of sampled records that vote for it (half votes count half). */
  confidence: number;
  reasons: string[];
}

interface Vote {
  /** The formats this record is consistent with. */
  formats: FormatId[];
  strong: boolean;
  why: string;
}

export function detectFormat(samples: unknown[]): Detection {
  if (samples.length === 0) return { format: "openai", confidence: 0, reasons: ["no records to look at; assuming OpenAI"] };
  const score = new Map<FormatId, number>();
  const why = new Map<string, number>();
  for (const s of samples) {
    const v = classify(s);
    if (!v) continue;
    for (const f of v.formats) score.set(f, (score.get(f) ?? 0) + (v.strong ? 1 : 0.5));
    why.set(v.why, (why.get(v.why) ?? 0) + 1);
  }
  // Ties go to the earlier format in FORMAT_IDS (OpenAI before TRL for plain conversations).
  let best: FormatId = "openai";
  for (const id of FORMAT_IDS) if ((score.get(id) ?? 0) > (score.get(best) ?? 0)) best = id;
  const reasons = [...why].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${n} of ${samples.length} records: ${w}`);
  const unknown = samples.length - [...why.values()].reduce((a, b) => a + b, 0);
  if (unknown > 0) reasons.push(`${unknown} of ${samples.length} records: no known shape`);
  return { format: best, confidence: Math.round(((score.get(best) ?? 0) / samples.length) * 100) / 100, reasons };
}

function classify(r: unknown): Vote | null {
  if (!isObject(r)) return null;
  if (Array.isArray(r.conversations)) return { formats: ["sharegpt"], strong: true, why: "`conversations` turns (ShareGPT)" };
  if ("question" in r && "function" in r) return { formats: ["bfcl"], strong: true, why: "`question` and `function` (BFCL question)" };
  if ("ground_truth" in r) return { formats: ["bfcl"], strong: false, why: "`ground_truth` (a BFCL possible_answer line, not a question)" };
  if (!Array.isArray(r.messages)) return null;
  let stringArgs = 0;
  let objectArgs = 0;
  let routerReplies = 0;
  let plainReplies = 0;
  for (const m of r.messages) {
    if (!isObject(m) || m.role !== "assistant") continue;
    const calls = [...(Array.isArray(m.tool_calls) ? m.tool_calls : []), ...(m.function_call ? [{ function: m.function_call }] : [])];
    for (const c of calls) {
      const args = isObject(c) && isObject(c.function) ? c.function.arguments : undefined;
      if (typeof args === "string") stringArgs++;
      else if (isObject(args)) objectArgs++;
    }
    if (typeof m.content === "string" && calls.length === 0) {
      if (isRouterJson(m.content)) routerReplies++;
      else plainReplies++;
    } else if (Array.isArray(m.content) && m.content.some((p) => isObject(p) && p.type === "tool_call")) objectArgs++;
  }
  if (routerReplies > 0 && plainReplies === 0 && stringArgs + objectArgs === 0) {
    return { formats: ["router"], strong: true, why: 'assistant replies are router JSON ({"tool": ...})' };
  }
  if (objectArgs > 0 && stringArgs === 0) return { formats: ["trl"], strong: true, why: "tool-call arguments are JSON objects (TRL)" };
  if (stringArgs > 0 && objectArgs === 0)
    return { formats: ["openai"], strong: true, why: "tool-call arguments are JSON strings (OpenAI)" };
  if (typeof r.tools === "string") return { formats: ["trl"], strong: false, why: "`tools` is a JSON string (TRL / datasets)" };
  return { formats: ["openai", "trl"], strong: false, why: "`messages` without tool calls (OpenAI or TRL)" };
}

function isRouterJson(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return false;
  const p = tryJson(t);
  if (!p.ok) return false;
  const items = Array.isArray(p.value) ? p.value : [p.value];
  return items.length > 0 && items.every((i) => isObject(i) && typeof i.tool === "string");
}

// The new-eval form: text fields to a request body, checked with the same zod schema the API uses,
// and the server's issues placed next to the fields they name. Pure.
import { ApiError } from "@/lib/client/api";
import type { Split } from "@/lib/schemas/common";
import { evalCreateSchema, type EvalCreate } from "@/lib/schemas/evals";
import type { MatchMode } from "@/lib/scoring/types";
import type { ResolvedTarget } from "./target-choice";

export interface EvalForm {
  name: string;
  split: Split;
  /** "" (every example), "tool:NAME" (targets calling NAME) or "kind:no_tool" / "kind:tool_calls". */
  only: string;
  matchMode: MatchMode;
  concurrency: string;
  maxTokens: string;
}

export const EMPTY_EVAL_FORM: EvalForm = { name: "", split: "gold", only: "", matchMode: "strict", concurrency: "8", maxTokens: "512" };

export const MATCH_MODE_HINT: Record<MatchMode, string> = {
  strict: "BFCL's rules plus full JSON-Schema validation, nested objects and arrays compared too, parallel calls in any order.",
  bfcl: "The Berkeley Function Calling Leaderboard's rules: acceptable-value lists, optional arguments, string normalisation, int→float.",
};

/** Paths the form shows errors next to; anything else goes to the list under the form. */
export const FORM_FIELDS = [
  "name",
  "target",
  "target.model",
  "target.endpointId",
  "split",
  "concurrency",
  "maxTokens",
  "matchMode",
] as const;

function number(text: string): number {
  const t = text.trim();
  return t === "" ? Number.NaN : Number(t);
}

/** The form's "only" choice as the API's selection, and as example-list filters (for the count). */
export function onlyOf(only: string): { tool: string } | { kind: "tool_calls" | "no_tool" } | undefined {
  if (only.startsWith("tool:")) return { tool: only.slice(5) };
  if (only === "kind:no_tool" || only === "kind:tool_calls") return { kind: only.slice(5) as "tool_calls" | "no_tool" };
  return undefined;
}

export interface BuiltEval {
  body: EvalCreate | null;
  /** Field path -> message (first issue wins). */
  errors: Record<string, string>;
}

export function buildEvalCreate(form: EvalForm, resolved: ResolvedTarget, runId?: string | null): BuiltEval {
  const errors: Record<string, string> = {};
  if (!resolved.target) errors.target = resolved.problem ?? "choose a model";
  const candidate = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    target: resolved.target ?? { backend: "openai", model: "" },
    ...((resolved.runId ?? runId) ? { runId: resolved.runId ?? runId ?? undefined } : {}),
    split: form.split,
    ...(onlyOf(form.only) ? { only: onlyOf(form.only) } : {}),
    matchMode: form.matchMode,
    concurrency: number(form.concurrency),
    maxTokens: number(form.maxTokens),
  };
  const parsed = evalCreateSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const message =
        issue.code === "invalid_type" && (path === "concurrency" || path === "maxTokens") ? "enter a whole number" : issue.message;
      if (!errors[path] && !(path.startsWith("target") && errors.target)) errors[path] = message;
    }
  }
  return { body: Object.keys(errors).length === 0 ? (candidate as EvalCreate) : null, errors };
}

/** The server's field issues by path, and those no field shows. */
export function serverIssues(error: unknown): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const i of error.issues) {
    if ((FORM_FIELDS as readonly string[]).includes(i.path) && !byField[i.path]) byField[i.path] = i.message;
    else other.push(i.path ? `${i.path}: ${i.message}` : i.message);
  }
  if (error.field && (FORM_FIELDS as readonly string[]).includes(error.field) && !byField[error.field])
    byField[error.field] = error.message;
  return { byField, other };
}

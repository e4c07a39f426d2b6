// "Save as example" in the playground: a model's answer becomes an editable target, and the target
// becomes the same ExampleInput the editor sends (POST /examples validates it against the catalogue).
// Pure, so it is unit-tested; the form (components/evals/SaveAsExample.tsx) only holds the state.
import type { Issue, Split } from "../schemas/common";
import type { ExampleInput, Message } from "../schemas/example";
import type { PlaygroundAnswerDto } from "../schemas/evals";
import { parseJsonText } from "./json-text";

/** A call as the form edits it: the arguments as JSON text, so half-typed JSON survives. */
export interface CallDraft {
  name: string;
  argsText: string;
}

export type TargetDraft = { kind: "tool_calls"; calls: CallDraft[] } | { kind: "no_tool"; reason: string };

/**
 * The answer as a target to edit: its parsed calls (arguments pretty-printed) or its no_tool reason.
 * An answer that did not parse (or failed) starts as no_tool with an empty reason for the user to
 * fill in or change to a call; `note` says why.
 */
export function draftFromAnswer(answer: Pick<PlaygroundAnswerDto, "parsed" | "error">): { draft: TargetDraft; note: string | null } {
  const p = answer.parsed;
  if (p?.kind === "tool_calls" && p.calls.length > 0) {
    return { draft: { kind: "tool_calls", calls: p.calls.map((c) => ({ name: c.name, argsText: JSON.stringify(c.arguments, null, 2) })) }, note: null };
  }
  if (p?.kind === "no_tool") return { draft: { kind: "no_tool", reason: p.reason }, note: null };
  return {
    draft: { kind: "no_tool", reason: "" },
    note: answer.error ? "The request failed, so there is no answer to start from: write the target." : "The answer did not parse: choose a tool or write why no tool fits.",
  };
}

/**
 * The example to create: the earlier turns (if any), the request as the user's turn, then the
 * target. Arguments that are not a JSON object are reported with their call's place
 * (`target.calls.0.arguments`) instead of being sent.
 */
export function exampleFromDraft(opts: { history?: Message[]; request: string; draft: TargetDraft; split: Split; tags?: string[] }): { input: ExampleInput; issues: [] } | { input: null; issues: Issue[] } {
  const { draft } = opts;
  const issues: Issue[] = [];
  let decision: Extract<Message, { role: "assistant" }>["decision"];
  if (draft.kind === "tool_calls") {
    const calls = draft.calls.map((c, i) => {
      const path = `target.calls.${i}`;
      if (!c.name.trim()) issues.push({ path: `${path}.name`, message: `call ${i + 1}: choose a tool` });
      const parsed = parseJsonText(c.argsText.trim() === "" ? "{}" : c.argsText);
      if (!parsed.ok) {
        issues.push({ path: `${path}.arguments`, message: `call ${i + 1} (${c.name || "no tool"}): arguments are not valid JSON: ${parsed.error.message} at line ${parsed.error.line}, column ${parsed.error.column}` });
        return { name: c.name, arguments: {} };
      }
      const v = parsed.value;
      if (typeof v !== "object" || v === null || Array.isArray(v)) {
        issues.push({ path: `${path}.arguments`, message: `call ${i + 1} (${c.name || "no tool"}): arguments must be a JSON object such as {"order_id": "ORD-1"}` });
        return { name: c.name, arguments: {} };
      }
      return { name: c.name.trim(), arguments: v as Record<string, unknown> };
    });
    if (calls.length === 0) issues.push({ path: "target.calls", message: "add at least one tool call, or choose no tool" });
    decision = { kind: "tool_calls", calls };
  } else {
    decision = { kind: "no_tool", reason: draft.reason.trim() };
  }
  if (!opts.request.trim()) issues.push({ path: "request", message: "the request is empty" });
  if (issues.length > 0) return { input: null, issues };
  const messages: Message[] = [...(opts.history ?? []), { role: "user", content: opts.request }, { role: "assistant", decision, weight: 1 }];
  return { input: { messages, split: opts.split, tags: opts.tags ?? [] }, issues: [] };
}

// Validates an example's labelled decisions against a catalogue. Pure; the browser runs it live as
// the labeller types, and the server runs it on every save and after every catalogue change.
import type { Issue } from "../schemas/common";
import type { Message } from "../schemas/example";
import type { ValidateFunction } from "ajv";
import { argumentValidator, describeArgumentErrors } from "./ajv";

export interface CatalogueEntry {
  name: string;
  parameters: Record<string, unknown>;
  archived: boolean;
}

export interface ValidationContext {
  tools: readonly CatalogueEntry[];
  parallelToolCalls: boolean;
  /** In router_json the reason is what the model outputs, so it is required; in native_tools a reply text will do. */
  outputStyle?: "router_json" | "native_tools";
}

type Compiled = Map<string, { tool: CatalogueEntry; validate: ValidateFunction | Error }>;
const compiled = new WeakMap<ValidationContext, Compiled>();

/**
 * The same context with its tools looked up and their validators compiled once, for code that
 * validates many examples against one catalogue (an import): validateMessages then skips building
 * the lookup and keying each validator by its schema's text. The context and its tools must not be
 * changed afterwards (they are frozen); results are the same as with the plain context.
 */
export function compileContext(ctx: ValidationContext): ValidationContext {
  const out = Object.freeze({ ...ctx, tools: Object.freeze([...ctx.tools]) });
  compiled.set(out, new Map(out.tools.map((t) => [t.name, { tool: t, validate: argumentValidator(t.parameters) }])));
  return out;
}

/** Issues for a set of arguments against one tool, with paths relative to the arguments object. */
export function validateArguments(tool: CatalogueEntry, args: Record<string, unknown>, validator?: ValidateFunction | Error): Issue[] {
  const validate = validator ?? argumentValidator(tool.parameters);
  if (validate instanceof Error) {
    return [{ path: "", message: `the schema of ${tool.name} cannot be used: ${validate.message}` }];
  }
  if (validate(args)) return [];
  return describeArgumentErrors(validate.errors, tool.name);
}

/**
 * Every problem in an example's messages, with paths like "messages.1.calls.0.arguments.order_id",
 * "messages.1.reason" or "messages.1.calls.0.name". Unlabelled targets are not problems.
 */
export function validateMessages(messages: readonly Message[], ctx: ValidationContext): Issue[] {
  const byName: Compiled | Map<string, { tool: CatalogueEntry; validate?: undefined }> = compiled.get(ctx) ?? new Map(ctx.tools.map((t) => [t.name, { tool: t }]));
  const issues: Issue[] = [];
  const callIds = new Set<string>();

  // The turn each assistant message answers (as decisionRoles in lib/server/examples/derive.ts):
  // after a user message it routes, after a tool result it follows up.
  let followsToolResult = false;
  messages.forEach((m, i) => {
    const at = `messages.${i}`;
    if (m.role === "user") followsToolResult = false;
    if (m.role === "tool") {
      followsToolResult = true;
      if (m.toolCallId && !callIds.has(m.toolCallId)) {
        issues.push({ path: `${at}.toolCallId`, message: `tool reply "${m.toolCallId}" has no matching call before it` });
      }
      return;
    }
    if (m.role !== "assistant") return;
    const d = m.decision;
    if (d.kind === "no_tool") {
      // The reply text stands in for a reason where the reason is not what the model learns to say:
      // in native style, in an answer that uses a tool result, and in a context turn (weight 0).
      const hasText = (m.content ?? "").trim() !== "";
      const textWillDo = ctx.outputStyle === "native_tools" || followsToolResult || m.weight === 0;
      if (d.reason.trim() === "" && !(hasText && textWillDo)) {
        issues.push({ path: `${at}.reason`, message: "say why no tool is called (e.g. greeting, or which argument is missing)" });
      }
      return;
    }
    if (d.kind !== "tool_calls") return;
    if (d.calls.length > 1 && !ctx.parallelToolCalls) {
      issues.push({ path: `${at}.calls`, message: "this target has several calls but parallel calls are off for this project (Settings)" });
    }
    d.calls.forEach((call, j) => {
      const cat = `${at}.calls.${j}`;
      if (call.id) callIds.add(call.id);
      const entry = byName.get(call.name);
      if (!entry) {
        issues.push({ path: `${cat}.name`, message: call.name ? `unknown tool "${call.name}"` : "choose a tool" });
        return;
      }
      const { tool } = entry;
      if (tool.archived) issues.push({ path: `${cat}.name`, message: `tool "${call.name}" is archived` });
      for (const issue of validateArguments(tool, call.arguments, entry.validate)) {
        issues.push({ path: issue.path ? `${cat}.arguments.${issue.path}` : `${cat}.arguments`, message: issue.message });
      }
    });
  });
  return issues;
}

/** The issues that belong to one call's argument field, for showing them next to the field. */
export function issuesAt(issues: readonly Issue[], prefix: string): Issue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(prefix + "."));
}

// Validates an example's labelled decisions against a catalogue. Pure; the browser runs it live as
// the labeller types, and the server runs it on every save and after every catalogue change.
import type { Issue } from "../schemas/common";
import type { Message } from "../schemas/example";
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

/** Issues for a set of arguments against one tool, with paths relative to the arguments object. */
export function validateArguments(tool: CatalogueEntry, args: Record<string, unknown>): Issue[] {
  const validate = argumentValidator(tool.parameters);
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
  const byName = new Map(ctx.tools.map((t) => [t.name, t]));
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
      const tool = byName.get(call.name);
      if (!tool) {
        issues.push({ path: `${cat}.name`, message: call.name ? `unknown tool "${call.name}"` : "choose a tool" });
        return;
      }
      if (tool.archived) issues.push({ path: `${cat}.name`, message: `tool "${call.name}" is archived` });
      for (const issue of validateArguments(tool, call.arguments)) {
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

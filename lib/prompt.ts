// The system prompt generated from a catalogue (the router lesson's shape: tool signatures,
// descriptions and the no_tool instruction). Pure; previewed in the browser, used by exports and evals.
import type { OutputStyle } from "./schemas/common";

export interface PromptTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface PromptProject {
  name: string;
  outputStyle: OutputStyle;
  parallelToolCalls: boolean;
  systemPromptOverride?: string | null;
}

type Schema = Record<string, unknown>;

/** A compact type for one argument: string, number, "a" | "b", string[], object, ... */
export function typeOf(schema: unknown): string {
  if (typeof schema !== "object" || schema === null) return "any";
  const s = schema as Schema;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  const t = s.type;
  if (Array.isArray(t)) return t.map((x) => typeOf({ ...s, type: x })).join(" | ");
  if (t === "array") {
    const inner = typeOf(s.items);
    return inner.includes(" ") ? `(${inner})[]` : `${inner}[]`;
  }
  if (t === "object" && typeof s.properties === "object" && s.properties !== null) {
    return `{${signatureArgs(s).join(", ")}}`;
  }
  for (const k of ["anyOf", "oneOf"] as const) if (Array.isArray(s[k])) return (s[k] as unknown[]).map(typeOf).join(" | ");
  return typeof t === "string" ? t : "any";
}

function signatureArgs(schema: Schema): string[] {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(props).map(([name, sub]) => `${name}${required.has(name) ? "" : "?"}: ${typeOf(sub)}`);
}

export function toolSignature(tool: PromptTool): string {
  return `${tool.name}(${signatureArgs(tool.parameters).join(", ")})`;
}

export function generateSystemPrompt(project: PromptProject, tools: readonly PromptTool[]): string {
  if (project.outputStyle === "native_tools") {
    return [
      `You are the assistant for ${project.name}.`,
      "Call one of the provided tools when the user's latest request needs it, with only the argument values the user gave.",
      "If no tool fits (a greeting, a question you can answer directly, or a request outside what the tools do), or a required argument is missing, do not call a tool: reply briefly in plain text, and ask for what is missing.",
    ].join("\n");
  }
  const lines = [
    `You are the tool router for ${project.name}. Decide whether the user's latest request needs one of these tools:`,
    "",
  ];
  for (const t of tools) {
    lines.push(`- ${toolSignature(t)}`);
    if (t.description.trim()) lines.push(`  ${t.description.trim().replace(/\s*\n\s*/g, " ")}`);
  }
  if (tools.length === 0) lines.push("(no tools yet)");
  lines.push(
    "",
    "Reply with one JSON object and nothing else:",
    '- to call a tool: {"tool": "<tool name>", "arguments": {<arguments as in its signature>}}',
    '- when no tool applies (a greeting or small talk, an information request you can answer without a tool, a request outside these tools, or a required argument is missing): {"tool": "no_tool", "reason": "<short reason>"}',
  );
  if (project.parallelToolCalls) lines.push("- when the request needs several calls: a JSON array of such tool objects.");
  lines.push("Never invent argument values. Arguments marked ? are optional. If a required argument is missing, answer no_tool and name it in the reason.");
  return lines.join("\n");
}

/** The prompt a project actually uses: its override when set, else the generated one. */
export function effectiveSystemPrompt(project: PromptProject, tools: readonly PromptTool[]): string {
  const o = project.systemPromptOverride;
  return o && o.trim() !== "" ? o : generateSystemPrompt(project, tools);
}

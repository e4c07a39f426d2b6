// The reference the generated code is held to: a router reply judged the way ToolTune's evaluation
// judges it, with the evaluation's own argument validator (lib/validation/ajv.ts: Ajv + ajv-formats,
// draft-07 unless the tool says 2020-12). Envelope: {"tool", "arguments"} for a catalogue tool,
// {"tool": "no_tool", "reason": string}, or a non-empty array of tool calls; no other keys; JSON in
// a ``` fence is accepted as a repair.
import { argumentValidator } from "@/lib/validation/ajv";
import type { CodegenTool } from "@/lib/codegen";

const FENCE = /^\s*```(?:json)?[ \t]*\r?\n?([\s\S]*?)\r?\n?\s*```\s*$/i;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const keysAre = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).length === keys.length && keys.every((k) => k in v);

function parse(text: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const m = FENCE.exec(text);
    if (!m) return { ok: false };
    try {
      return { ok: true, value: JSON.parse(m[1]) };
    } catch {
      return { ok: false };
    }
  }
}

function isToolCall(v: unknown, tools: readonly CodegenTool[]): boolean {
  if (!isObj(v) || !keysAre(v, ["tool", "arguments"])) return false;
  const tool = tools.find((t) => t.name === v.tool);
  if (!tool) return false;
  const validate = argumentValidator(tool.parameters);
  if (validate instanceof Error) throw validate;
  return validate(v.arguments) === true;
}

const isNoTool = (v: unknown) => isObj(v) && keysAre(v, ["tool", "reason"]) && v.tool === "no_tool" && typeof v.reason === "string";

/** Whether the evaluation counts this reply as a valid decision. */
export function judge(text: string, tools: readonly CodegenTool[]): boolean {
  const { ok, value } = parse(text);
  if (!ok) return false;
  if (Array.isArray(value)) return value.length > 0 && value.every((c) => isToolCall(c, tools));
  return isToolCall(value, tools) || isNoTool(value);
}

// The router output style: the assistant's whole content is {"tool": name, "arguments": {...}},
// {"tool": "no_tool", "reason": "..."}, or (parallel calls) a JSON array of tool objects.
import type { AssistantMessage, Decision, ToolCall } from "../schemas/example";
import { decodeArguments } from "./arguments";
import { describe, fail, FormatWriteError, isObject, tryJson } from "./util";

export const NO_TOOL = "no_tool";

/** Reads router JSON; anything else fails with kind not_router_json. */
export function decodeRouterJson(text: string, path: string): Decision {
  const parsed = tryJson(text);
  if (!parsed.ok) fail("not_router_json", `${path} is not router JSON (${parsed.message}): ${clip(text)}`);
  const v = parsed.value;
  if (Array.isArray(v)) {
    if (v.length === 0) fail("not_router_json", `${path} is an empty array; expected at least one {"tool": ..., "arguments": {...}}`);
    const calls = v.map((item, j) => readToolObject(item, `${path}[${j}]`, true));
    return { kind: "tool_calls", calls: calls as ToolCall[] };
  }
  const one = readToolObject(v, path, false);
  return "reason" in one ? { kind: "no_tool", reason: one.reason } : { kind: "tool_calls", calls: [one] };
}

function readToolObject(v: unknown, path: string, inArray: boolean): ToolCall | { reason: string } {
  if (!isObject(v)) fail("not_router_json", `${path} is ${describe(v)}; expected {"tool": ..., ...}`);
  if (typeof v.tool !== "string" || v.tool === "")
    fail("not_router_json", `${path}.tool is ${describe(v.tool)}; expected a tool name or "no_tool"`);
  if (v.tool === NO_TOOL) {
    if (inArray) fail("not_router_json", `${path} is no_tool inside a list of calls`);
    if (v.reason !== undefined && typeof v.reason !== "string")
      fail("not_router_json", `${path}.reason is ${describe(v.reason)}; expected a string`);
    return { reason: typeof v.reason === "string" ? v.reason : "" };
  }
  const args = v.arguments === undefined ? {} : decodeArguments(v.arguments, `${path}.arguments`, "object");
  return { name: v.tool, arguments: args };
}

/** The router JSON text of one assistant turn. A no_tool without a reason falls back to the reply text. */
export function encodeRouterJson(m: AssistantMessage, path: string): string {
  const d = m.decision;
  if (d.kind === "unlabelled") throw new FormatWriteError(`${path} is unlabelled; label it before export`);
  if (d.kind === "no_tool") return JSON.stringify({ tool: NO_TOOL, reason: d.reason !== "" ? d.reason : (m.content ?? "") });
  const objs = d.calls.map((c) => ({ tool: c.name, arguments: c.arguments }));
  return JSON.stringify(objs.length === 1 ? objs[0] : objs);
}

function clip(text: string): string {
  const q = JSON.stringify(text);
  return q.length > 60 ? `${q.slice(0, 57)}..."` : q;
}

// Step 1 of scoring: what did the model decide? Native tool_calls are read as they are; text is read
// as router JSON, and, failing that, repaired from the shapes models emit when nothing parses their
// calls (fences, <tool_call> tags, {"name","arguments"} objects, JSON inside prose).
import { decodeArgumentText } from "../formats/arguments";
import { decodeRouterJson } from "../formats/router-json";
import { FormatError } from "../formats/util";
import { extractFromText, makeCall } from "./extract";
import { floatsUnder, integralFloatPaths } from "./json-floats";
import type { ModelMessage, OutputStyle, ParsedCall, ParsedOutput, RawOutput } from "./types";

export function parseOutput(output: RawOutput, style: OutputStyle): ParsedOutput {
  const message: ModelMessage = typeof output === "string" ? { content: output } : (output ?? {});
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  if (toolCalls.length > 0) return parseToolCalls(toolCalls);
  const content = typeof message.content === "string" ? message.content.trim() : "";
  if (content === "") return failed("empty output: no content and no tool calls");
  return style === "router_json" ? parseRouter(content) : parseNativeText(content);
}

function failed(note: string): ParsedOutput {
  return { status: "failed", decision: null, note };
}

/** BFCL decodes each call's arguments with json.loads; one that does not decode fails the whole output. */
function parseToolCalls(toolCalls: NonNullable<ModelMessage["tool_calls"]>): ParsedOutput {
  const calls: ParsedCall[] = [];
  let emptyArgs = false;
  for (const [i, tc] of toolCalls.entries()) {
    const path = `tool_calls[${i}].function`;
    const fn = (tc as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (!fn || typeof fn.name !== "string" || fn.name === "") return failed(`${path}.name is missing`);
    const raw = fn.arguments;
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      calls.push(makeCall(fn.name, raw as Record<string, unknown>, []));
      continue;
    }
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
      emptyArgs = true;
      calls.push(makeCall(fn.name, {}, []));
      continue;
    }
    if (typeof raw !== "string") return failed(`${path}.arguments is not a JSON string`);
    try {
      calls.push(makeCall(fn.name, decodeArgumentText(raw, `${path}.arguments`), floatsUnder(integralFloatPaths(raw), [])));
    } catch (e) {
      if (e instanceof FormatError) return failed(`decoder failed: ${e.reason}`);
      throw e;
    }
  }
  const decision = { kind: "tool_calls" as const, calls };
  return emptyArgs ? { status: "clean", decision, note: "empty arguments read as {}" } : { status: "clean", decision };
}

function parseRouter(content: string): ParsedOutput {
  try {
    const d = decodeRouterJson(content, "content");
    if (d.kind !== "tool_calls") return { status: "clean", decision: { kind: "no_tool", reason: d.kind === "no_tool" ? d.reason : "" } };
    const floats = integralFloatPaths(content);
    const at = (i: number) => (content.startsWith("[") ? [String(i), "arguments"] : ["arguments"]);
    const calls = d.calls.map((c, i) => makeCall(c.name, c.arguments, floatsUnder(floats, at(i))));
    return { status: "clean", decision: { kind: "tool_calls", calls } };
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    const repaired = extractFromText(content, "{name, arguments} objects instead of router JSON");
    if (repaired === null) return failed(e.reason);
    if ("failed" in repaired) return failed(repaired.failed);
    return { status: "repaired", decision: repaired.decision, note: repaired.note };
  }
}

/** Native style without tool_calls: plain text is a no_tool reply, unless it is (or holds) a call written as text. */
function parseNativeText(content: string): ParsedOutput {
  const repaired = extractFromText(content, "a tool call written as text instead of tool_calls");
  if (repaired === null) return { status: "clean", decision: { kind: "no_tool", reason: content } };
  if ("failed" in repaired) return failed(repaired.failed);
  const what = repaired.decision.kind === "no_tool" ? "router JSON no_tool in the content" : repaired.note;
  return { status: "repaired", decision: repaired.decision, note: what };
}

// The router format: OpenAI-style lines whose assistant content is router JSON
// ({"tool": ..., "arguments": {...}}, {"tool": "no_tool", "reason": ...}, or a list of tool objects).
// Plain text from the assistant is an error here (not_router_json): in a router dataset it is a
// target the model must not learn.
import { readChat } from "./chat";
import { write as writeOpenAI, type OpenAILine } from "./openai";
import { decodeRouterJson } from "./router-json";
import { readToolList } from "./tools";
import type { ExampleRecord, RecordResult } from "./types";
import { attempt, expectRecord } from "./util";

export function parse(record: unknown, line: number): RecordResult {
  return attempt(line, () => {
    const rec = expectRecord(record);
    const example = readChat(rec, { args: "string", assignIds: false, assistantText: decodeRouterJson });
    return { example, tools: readToolList(rec.tools, "tools", { allowString: true }) };
  });
}

/** One line in router style; `system` (else the example's own) is the first message when not empty. */
export function write(example: ExampleRecord, opts: { system?: string } = {}): OpenAILine {
  return writeOpenAI(example, [], { style: "router_json", system: opts.system ?? example.system ?? "" });
}

// MCP tools as catalogue tools: a tool's `inputSchema` becomes its `parameters`, its `description`
// (or, lacking one, its `title`) the description. A tool the catalogue could not save (a name
// outside OpenAI's rule, a description too long, a schema Ajv refuses) is listed as rejected with
// the field and the reason instead. Pure: the server and the tests use it.
import type { ToolDef } from "../formats/types";
import type { McpRejectedTool } from "../schemas/mcp";
import { LIMITS } from "../schemas/common";
import { NO_TOOL, TOOL_NAME_PATTERN } from "../schemas/tool";
import { checkToolSchema } from "../validation/tool-schema";

export interface ConvertedTools {
  tools: ToolDef[];
  rejected: McpRejectedTool[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function toolsFromMcp(items: readonly unknown[]): ConvertedTools {
  const tools: ToolDef[] = [];
  const rejected: McpRejectedTool[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const name = isObject(item) && typeof item.name === "string" ? item.name : `(tool ${i + 1})`;
    const reject = (field: string, message: string) => rejected.push({ name, field, message });
    if (!isObject(item)) return reject("", "not a JSON object");
    if (typeof item.name !== "string") return reject("name", "missing: every MCP tool has a name");
    if (!TOOL_NAME_PATTERN.test(name)) return reject("name", "a catalogue tool name is 1–64 letters, digits, '_' or '-' (OpenAI's rule)");
    if (name === NO_TOOL) return reject("name", `"${NO_TOOL}" is reserved for the no-tool decision`);
    if (seen.has(name)) return reject("name", "the server lists this name twice");
    seen.add(name);
    const text = typeof item.description === "string" ? item.description : typeof item.title === "string" ? item.title : "";
    if (text.length > LIMITS.toolDescription) return reject("description", `longer than ${LIMITS.toolDescription} characters`);
    const parameters = item.inputSchema;
    if (!isObject(parameters)) return reject("inputSchema", "missing or not a JSON object");
    if (JSON.stringify(parameters).length > LIMITS.parametersBytes)
      return reject("inputSchema", `larger than ${LIMITS.parametersBytes / 1024} KB`);
    const [issue] = checkToolSchema(parameters);
    if (issue) return reject(issue.path ? `inputSchema.${issue.path}` : "inputSchema", issue.message);
    tools.push({ name, description: text, parameters });
  });
  return { tools, rejected };
}

/** Where in `text` the character at `offset` is (1-based line and column). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * A pasted `tools/list` result: `{"tools": [...]}` (also inside a JSON-RPC `result`) or a bare
 * array of tools. Throws an Error that says where the JSON is broken (line and column) or what
 * shape was expected.
 */
export function parsePastedToolsList(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? lineColumn(text, Number(at[1])) : /end of JSON input/.test(message) ? lineColumn(text, text.length) : null;
    const reason = message
      .replace(/^JSON\.parse: /, "")
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/ \(line \d+ column \d+\)$/, "");
    throw new Error(`the pasted text is not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ""}: ${reason}`);
  }
  if (Array.isArray(value)) return value;
  if (isObject(value) && isObject(value.result) && Array.isArray(value.result.tools)) return value.result.tools;
  if (isObject(value) && Array.isArray(value.tools)) return value.tools;
  throw new Error('the pasted JSON is not a tools/list result: expected {"tools": [...]} or an array of tools');
}

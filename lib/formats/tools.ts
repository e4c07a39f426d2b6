// Tool lists as files declare them: OpenAI's [{type: "function", function: {...}}], the flat
// [{name, description, parameters}] of ShareGPT and `functions`, or either as a JSON string.
import type { ToolDef } from "./types";
import { describe, fail, isObject, tryJson } from "./util";

const EMPTY_PARAMETERS = { type: "object", properties: {} } as const;

export function readToolList(value: unknown, path: string, opts: { allowString: boolean }): ToolDef[] {
  if (value === undefined || value === null) return [];
  let list: unknown = value;
  if (typeof value === "string" && opts.allowString) {
    if (value.trim() === "") return [];
    const parsed = tryJson(value);
    if (!parsed.ok) fail("bad_tools", `${path} is not valid JSON: ${parsed.message}`);
    list = parsed.value;
  }
  if (!Array.isArray(list)) fail("bad_tools", `${path} is ${describe(list)}; expected a list of tools`);
  const out: ToolDef[] = [];
  list.forEach((item, i) => {
    const tool = readTool(item, `${path}[${i}]`);
    if (!out.some((t) => t.name === tool.name)) out.push(tool);
  });
  return out;
}

function readTool(item: unknown, path: string): ToolDef {
  if (!isObject(item)) fail("bad_tools", `${path} is ${describe(item)}; expected a tool object`);
  let fn = item;
  let at = path;
  if ("function" in item || "type" in item) {
    if (item.type !== undefined && item.type !== "function") {
      fail("bad_tools", `${path}.type is ${JSON.stringify(item.type)}; only function tools are supported`);
    }
    if (isObject(item.function)) {
      fn = item.function;
      at = `${path}.function`;
    }
  }
  const { name, description, parameters } = fn;
  if (typeof name !== "string" || name === "") fail("bad_tools", `${at}.name is ${describe(name)}; expected the tool's name`);
  if (description !== undefined && description !== null && typeof description !== "string") {
    fail("bad_tools", `${at}.description is ${describe(description)}; expected a string`);
  }
  if (parameters !== undefined && parameters !== null && !isObject(parameters)) {
    fail("bad_tools", `${at}.parameters is ${describe(parameters)}; expected a JSON Schema object`);
  }
  return {
    name,
    description: typeof description === "string" ? description : "",
    parameters: isObject(parameters) ? parameters : { ...EMPTY_PARAMETERS, properties: {} },
  };
}

/** OpenAI's and TRL's `tools` column. */
export function toFunctionTools(tools: readonly ToolDef[]) {
  return tools.map((t) => ({
    type: "function" as const,
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

/** ShareGPT's flat list. */
export function toFlatTools(tools: readonly ToolDef[]) {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
}

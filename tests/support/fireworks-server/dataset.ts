// The check an uploaded dataset file goes through (:upload, or :validateUpload after a signed-URL PUT).
// Rules, from docs.fireworks.ai/fine-tuning/fine-tuning-models ("Prepare a dataset"):
// - a `.jsonl` file, one JSON training example per line, at most 3 million examples;
// - each example has a `messages` array; a message has `role` (system, user or assistant; a system message
//   is optional and "must be the first message of the conversation"), `content` (a string), and an optional
//   `weight` of 0 or 1;
// - an optional per-example `weight` (any number), which "must be present in all samples" once used;
// - function calling: an example may carry `tools` ({ type: "function", function: { name, description,
//   parameters } }), an assistant message may carry `tool_calls` ({ type: "function", function: { name,
//   arguments } }, arguments a string of JSON) in place of content, and tool results come back as `tool`
//   messages (the OpenAI chat format the docs say is used: "existing OpenAI SFT datasets work with no
//   conversion required", docs.fireworks.ai/fine-tuning/managed-finetuning-intro);
// - `reasoning_content` on assistant messages for thinking models.
// Fireworks publishes no wording for these refusals: every sentence here is this server's, in the form
// "Line 3: messages[1].role must be one of system, user, assistant, tool (got \"bot\")".

export const MAX_EXAMPLES = 3_000_000;

const ROLES = ["system", "user", "assistant", "tool"];
const MESSAGE_KEYS = ["role", "content", "weight", "name", "tool_calls", "tool_call_id", "reasoning_content"];
const EXAMPLE_KEYS = ["messages", "tools", "weight"];

export interface DatasetCheck {
  ok: boolean;
  error?: string;
  examples: number;
  tokens: number;
  hasTools: boolean;
}

class LineError extends Error {}
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

function checkToolCalls(calls: unknown, at: string, fail: (m: string) => never): number {
  if (!Array.isArray(calls) || calls.length === 0) fail(`${at}.tool_calls must be a non-empty array`);
  (calls as unknown[]).forEach((call, j) => {
    const where = `${at}.tool_calls[${j}]`;
    if (!isObject(call)) fail(`${where} must be an object`);
    const c = call as Record<string, unknown>;
    const extra = Object.keys(c).find((k) => !["id", "type", "function"].includes(k));
    if (extra) fail(`${where} has an unknown field "${extra}"`);
    if (c.type !== undefined && c.type !== "function") fail(`${where}.type must be "function" (got ${show(c.type)})`);
    if (c.id !== undefined && typeof c.id !== "string") fail(`${where}.id must be a string`);
    if (!isObject(c.function)) fail(`${where}.function must be an object with name and arguments`);
    const fn = c.function as Record<string, unknown>;
    if (typeof fn.name !== "string" || fn.name === "") fail(`${where}.function.name must be a non-empty string`);
    if (typeof fn.arguments !== "string") fail(`${where}.function.arguments must be a string of JSON (got ${typeof fn.arguments})`);
    try {
      JSON.parse(fn.arguments as string);
    } catch {
      fail(`${where}.function.arguments is not valid JSON`);
    }
  });
  return (calls as unknown[]).length;
}

function checkContent(content: unknown, at: string, role: string, fail: (m: string) => never): void {
  if (typeof content === "string") return;
  if (role === "user" && Array.isArray(content)) {
    content.forEach((part, j) => {
      const ok =
        isObject(part) &&
        ((part.type === "text" && typeof part.text === "string") ||
          (part.type === "image_url" && isObject(part.image_url) && typeof part.image_url.url === "string"));
      if (!ok) fail(`${at}.content[${j}] must be {"type": "text", "text": ...} or {"type": "image_url", "image_url": {"url": ...}}`);
    });
    return;
  }
  fail(`${at}.content must be a string`);
}

function checkMessages(messages: unknown, fail: (m: string) => never): boolean {
  if (!Array.isArray(messages)) fail("messages must be an array");
  const list = messages as unknown[];
  if (list.length === 0) fail("messages must not be empty");
  let previous: string | null = null;
  let previousCalls = false;
  let assistant = false;
  let tools = false;
  list.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (!isObject(m)) fail(`${at} must be an object`);
    const msg = m as Record<string, unknown>;
    if (!("role" in msg)) fail(`${at} has no role`);
    const role = msg.role;
    if (typeof role !== "string" || !ROLES.includes(role)) fail(`${at}.role must be one of ${ROLES.join(", ")} (got ${show(role)})`);
    const unknown = Object.keys(msg).find((k) => !MESSAGE_KEYS.includes(k));
    if (unknown) fail(`${at} has an unknown field "${unknown}"`);
    if ("weight" in msg && msg.weight !== 0 && msg.weight !== 1) fail(`${at}.weight must be 0 or 1 (got ${show(msg.weight)})`);
    if (role === "system" && i > 0) fail(`${at} is a system message: a system message must be the first message of the conversation`);
    if (role === "tool" && !(previous === "tool" || (previous === "assistant" && previousCalls)))
      fail(`${at} is a tool message that does not follow an assistant message with tool_calls`);
    if (role === "user" && previous === "assistant" && previousCalls)
      fail(`${at} follows an assistant message with tool_calls: the tool results must come first`);
    if (i === 0 && role !== "system" && role !== "user") fail(`${at} must be a system or user message`);
    if (i === 1 && previous === "system" && role !== "user") fail(`${at} must be a user message after the system message`);
    let calls = 0;
    if (role === "assistant") {
      assistant = true;
      if (msg.tool_calls !== undefined) calls = checkToolCalls(msg.tool_calls, at, fail);
      if (calls > 0) tools = true;
      if (msg.content === undefined || msg.content === null) {
        if (calls === 0) fail(`${at} must have content or tool_calls`);
      } else checkContent(msg.content, at, role, fail);
      if (msg.reasoning_content !== undefined && typeof msg.reasoning_content !== "string")
        fail(`${at}.reasoning_content must be a string`);
    } else {
      if (msg.tool_calls !== undefined) fail(`${at}: only assistant messages may have tool_calls`);
      if (msg.reasoning_content !== undefined) fail(`${at}: only assistant messages may have reasoning_content`);
      if (!("content" in msg)) fail(`${at} has no content`);
      checkContent(msg.content, at, role as string, fail);
      if (role === "tool" && msg.tool_call_id !== undefined && typeof msg.tool_call_id !== "string")
        fail(`${at}.tool_call_id must be a string`);
    }
    if (msg.name !== undefined && typeof msg.name !== "string") fail(`${at}.name must be a string`);
    previous = role as string;
    previousCalls = calls > 0;
  });
  if (!assistant) fail("messages must contain at least one assistant message");
  return tools;
}

function checkTools(tools: unknown, fail: (m: string) => never): void {
  if (!Array.isArray(tools)) fail("tools must be an array");
  (tools as unknown[]).forEach((tool, j) => {
    if (!isObject(tool) || tool.type !== "function" || !isObject(tool.function))
      fail(`tools[${j}] must be {"type": "function", "function": {...}}`);
    const fn = (tool as { function: Record<string, unknown> }).function;
    if (typeof fn.name !== "string" || fn.name === "") fail(`tools[${j}].function.name must be a non-empty string`);
    if (fn.description !== undefined && typeof fn.description !== "string") fail(`tools[${j}].function.description must be a string`);
    if (fn.parameters !== undefined && !isObject(fn.parameters)) fail(`tools[${j}].function.parameters must be an object`);
  });
}

/** Checks a dataset file; `error` names the first bad line ("Line 3: ..."). Blank lines at the end are ignored. */
export function checkDataset(content: Buffer, filename: string): DatasetCheck {
  const bad = (error: string): DatasetCheck => ({ ok: false, error, examples: 0, tokens: 0, hasTools: false });
  if (!filename.toLowerCase().endsWith(".jsonl")) return bad(`File ${filename} is not a .jsonl file: datasets must be in JSONL format.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return bad("The file is not valid UTF-8.");
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) return bad("The file is empty.");
  if (lines.length > MAX_EXAMPLES) return bad(`The file has ${lines.length} examples; a dataset may have at most ${MAX_EXAMPLES}.`);
  let chars = 0;
  let hasTools = false;
  let weighted: boolean | null = null;
  try {
    lines.forEach((raw, index) => {
      const fail = (message: string): never => {
        throw new LineError(`Line ${index + 1}: ${message}`);
      };
      if (raw.trim() === "") fail("the line is empty");
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        fail("the line is not valid JSON");
      }
      if (!isObject(line)) fail("the line must be a JSON object");
      const obj = line as Record<string, unknown>;
      const extra = Object.keys(obj).find((k) => !EXAMPLE_KEYS.includes(k));
      if (extra) fail(`unknown field "${extra}" (an example has messages, and optionally tools and weight)`);
      if (!("messages" in obj)) fail("the example has no messages");
      if (checkMessages(obj.messages, fail)) hasTools = true;
      if (obj.tools !== undefined) {
        checkTools(obj.tools, fail);
        hasTools = true;
      }
      const has = "weight" in obj;
      if (has && (typeof obj.weight !== "number" || !Number.isFinite(obj.weight)))
        fail(`weight must be a number (got ${show(obj.weight)})`);
      if (weighted !== null && has !== weighted)
        fail(
          weighted
            ? "the example has no weight: once used, weight must be present in all samples"
            : "weight must be present in all samples or in none",
        );
      weighted = has;
      chars += raw.length;
    });
  } catch (err) {
    if (err instanceof LineError) return bad(err.message);
    throw err;
  }
  return { ok: true, examples: lines.length, tokens: Math.ceil(chars / 4), hasTools };
}

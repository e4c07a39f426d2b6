// Format checks for one line of an OpenAI chat fine-tuning file (supervised method), after the
// OpenAI cookbook notebook's error keys, extended to what FineTuneChatRequestInput allows: tool
// calls, tool replies, `weight`, and the top-level `tools`/`functions`/`parallel_tool_calls`.

/** Every key `checkLine` can return, with the sentence a user sees. The first seven are the notebook's. */
export const FORMAT_ERRORS = {
  data_type: "The line is not a JSON object",
  missing_messages_list: "The line has no non-empty `messages` list",
  message_missing_key: "A message lacks `role`, or lacks `content` without carrying a tool call",
  message_unrecognized_key: "A message has a key its role does not allow",
  unrecognized_role: "A message's role is not system, user, assistant, tool or function",
  missing_content: "A message's content is empty, or not a string or list of parts",
  example_missing_assistant_message: "The line has no assistant message to train on",
  message_data_type: "An entry of `messages` is not an object",
  invalid_content_part: "A content part is not an allowed {type, ...} object for its role",
  unrecognized_top_level_key: "The line has a key other than messages, tools, functions, parallel_tool_calls",
  invalid_tools: "`tools` or `functions` is not a list of function definitions with names",
  invalid_parallel_tool_calls: "`parallel_tool_calls` is not a boolean",
  invalid_tool_call: 'A tool call lacks an id, type "function", or a function name',
  duplicate_tool_call_id: "Two tool calls in one assistant message share an id",
  tool_call_bad_arguments: "A call's `arguments` is not a string holding a JSON object",
  tool_call_double_encoded_arguments: "A call's `arguments` is a JSON string that holds JSON again",
  unknown_tool: "A call names a function that the line's tools/functions do not define",
  tool_message_missing_tool_call_id: "A tool message has no `tool_call_id`",
  tool_reply_without_call: "A tool message answers an id no earlier assistant tool call used",
  weight_not_0_or_1: "An assistant message's `weight` is not 0 or 1",
  weight_on_non_assistant: "A non-assistant message has a `weight`",
} as const;

export type FormatErrorKey = keyof typeof FORMAT_ERRORS;

const TOP_LEVEL_KEYS = new Set(["messages", "tools", "functions", "parallel_tool_calls"]);
const ROLE_KEYS: Record<string, ReadonlySet<string>> = {
  system: new Set(["role", "content", "name"]),
  user: new Set(["role", "content", "name"]),
  assistant: new Set(["role", "content", "name", "weight", "tool_calls", "function_call", "refusal", "audio"]),
  tool: new Set(["role", "content", "tool_call_id"]),
  function: new Set(["role", "content", "name"]),
};
// The notebook's allowed keys, for messages whose role is unknown.
const UNKNOWN_ROLE_KEYS = new Set(["role", "content", "name", "function_call", "weight"]);
const PART_TYPES: Record<string, ReadonlySet<string>> = {
  system: new Set(["text"]),
  user: new Set(["text", "image_url", "input_audio", "file"]),
  assistant: new Set(["text", "refusal"]),
  tool: new Set(["text"]),
};

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** Error keys for one parsed line, each at most once, in a stable order. Empty means the line is fine. */
export function checkLine(record: unknown): FormatErrorKey[] {
  if (!isObject(record)) return ["data_type"];
  const errors = new Set<FormatErrorKey>();
  for (const key of Object.keys(record)) if (!TOP_LEVEL_KEYS.has(key)) errors.add("unrecognized_top_level_key");
  if ("parallel_tool_calls" in record && typeof record.parallel_tool_calls !== "boolean") {
    errors.add("invalid_parallel_tool_calls");
  }
  const known = declaredFunctionNames(record, errors);

  const messages = record.messages;
  if (!Array.isArray(messages) || messages.length === 0) return [...errors, "missing_messages_list"];

  const callIds = new Set<string>();
  for (const message of messages) {
    if (!isObject(message)) {
      errors.add("message_data_type");
      continue;
    }
    checkMessage(message, errors, known, callIds);
  }
  if (!messages.some((m) => isObject(m) && m.role === "assistant")) errors.add("example_missing_assistant_message");
  return [...errors];
}

/** Names from `tools` and `functions`, or null when the line declares neither (nothing to check against). */
function declaredFunctionNames(record: Obj, errors: Set<FormatErrorKey>): Set<string> | null {
  if (record.tools === undefined && record.functions === undefined) return null;
  const names = new Set<string>();
  const lists: [unknown, (item: unknown) => unknown][] = [
    [record.tools, (t) => (isObject(t) && t.type === "function" && isObject(t.function) ? t.function.name : undefined)],
    [record.functions, (f) => (isObject(f) ? f.name : undefined)],
  ];
  for (const [list, nameOf] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) {
      errors.add("invalid_tools");
      continue;
    }
    for (const item of list) {
      const name = nameOf(item);
      if (nonEmptyString(name)) names.add(name);
      else errors.add("invalid_tools");
    }
  }
  return names;
}

function checkMessage(message: Obj, errors: Set<FormatErrorKey>, known: Set<string> | null, callIds: Set<string>) {
  const role = message.role;
  const roleName = typeof role === "string" && role in ROLE_KEYS ? role : null;
  if (roleName === null) errors.add("unrecognized_role");
  const allowed = roleName ? ROLE_KEYS[roleName] : UNKNOWN_ROLE_KEYS;
  for (const key of Object.keys(message)) {
    if (key === "weight" && roleName !== "assistant" && roleName !== null) errors.add("weight_on_non_assistant");
    else if (!allowed.has(key)) errors.add("message_unrecognized_key");
  }

  const hasCalls = roleName === "assistant" && (message.tool_calls !== undefined || message.function_call != null);
  const lacksKey = !("role" in message) || (!("content" in message) && !hasCalls);
  if (lacksKey || (roleName === "function" && !nonEmptyString(message.name))) errors.add("message_missing_key");
  checkContent(message.content, roleName, hasCalls, errors);

  if (roleName === "assistant") {
    if ("weight" in message && message.weight !== 0 && message.weight !== 1) errors.add("weight_not_0_or_1");
    if (message.tool_calls !== undefined) checkToolCalls(message.tool_calls, errors, known, callIds);
    if (message.function_call != null) checkCall(message.function_call, errors, known);
  } else if (roleName === "tool") {
    if (!nonEmptyString(message.tool_call_id)) errors.add("tool_message_missing_tool_call_id");
    else if (!callIds.has(message.tool_call_id)) errors.add("tool_reply_without_call");
  }
}

function checkContent(content: unknown, role: string | null, hasCalls: boolean, errors: Set<FormatErrorKey>) {
  if (nonEmptyString(content)) return;
  // An assistant turn that only calls tools may leave content out, null or ""; a function result may be null.
  if ((content == null || content === "") && hasCalls) return;
  if (content === null && role === "function") return;
  if (Array.isArray(content) && content.length > 0 && role !== null && role in PART_TYPES) {
    const types = PART_TYPES[role];
    const bad = content.some((part) => !isObject(part) || typeof part.type !== "string" || !types.has(part.type));
    if (bad) errors.add("invalid_content_part");
    return;
  }
  errors.add("missing_content");
}

function checkToolCalls(calls: unknown, errors: Set<FormatErrorKey>, known: Set<string> | null, ids: Set<string>) {
  if (!Array.isArray(calls) || calls.length === 0) {
    errors.add("invalid_tool_call");
    return;
  }
  const seenHere = new Set<string>();
  for (const call of calls) {
    if (!isObject(call) || !nonEmptyString(call.id) || call.type !== "function" || !isObject(call.function)) {
      errors.add("invalid_tool_call");
      continue;
    }
    if (seenHere.has(call.id)) errors.add("duplicate_tool_call_id");
    seenHere.add(call.id);
    ids.add(call.id);
    checkCall(call.function, errors, known);
  }
}

/** A `{name, arguments}` object: the function of a tool call, or a deprecated `function_call`. */
function checkCall(fn: unknown, errors: Set<FormatErrorKey>, known: Set<string> | null) {
  if (!isObject(fn) || !nonEmptyString(fn.name)) {
    errors.add("invalid_tool_call");
    return;
  }
  if (known && !known.has(fn.name)) errors.add("unknown_tool");
  const verdict = argumentsVerdict(fn.arguments);
  if (verdict) errors.add(verdict);
}

export function argumentsVerdict(args: unknown): FormatErrorKey | null {
  if (typeof args !== "string") return "tool_call_bad_arguments";
  const once = tryParse(args);
  if (isObject(once)) return null;
  if (typeof once === "string" && isObject(tryParse(once))) return "tool_call_double_encoded_arguments";
  return "tool_call_bad_arguments";
}

const FAILED = Symbol("unparseable");
function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return FAILED;
  }
}

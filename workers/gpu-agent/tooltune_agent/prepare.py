"""OpenAI chat fine-tuning JSONL -> the input a Hugging Face chat template expects. Pure, stdlib only.

One OpenAI line `{"messages": [...], "tools": [...]}` becomes `{"messages", "tools", "train"}`:
- tool-call `arguments` become dicts (the HF convention; OpenAI sends JSON strings),
- tool messages get `name`, looked up from the call their `tool_call_id` answers,
- flat `{name, description, parameters}` tools (and deprecated `functions`) are wrapped as
  `{"type": "function", "function": {...}}`, and content-part lists are joined into text,
- router-style lines (the assistant's content is `{"tool": ..., "arguments": ...}` text) are kept as
  content, untouched,
- `train` lists the indices of the assistant messages the loss is computed on (see `trained_turns`).
Errors name the line and the field: `Line 3: Invalid value for 'messages[0].role': "bot". ...`.
"""
import json

MIN_EXAMPLES = 10  # what OpenAI requires of a training file
ROLES = ("system", "user", "assistant", "tool", "function")
TRAIN_ON = ("assistant", "last_assistant", "all")


class LineError(ValueError):
    """A line that cannot be used; `line` is 1-based, `param` the field in OpenAI's notation."""

    def __init__(self, line, message, param=None, field=False):
        # "Line 2 is not valid JSON." reads on; a message that starts with a field name gets a colon.
        joint = " " if message[:1].islower() and not field else ": "
        super().__init__("Line %d%s%s" % (line, joint, message) if line else message)
        self.line = line
        self.detail = message
        self.param = param


def too_few_message(n):
    return "Training file has %d example(s), but must have at least %d examples" % (n, MIN_EXAMPLES)


def parse_jsonl(data):
    """Bytes of a JSONL upload -> [(line number, dict)]. Blank lines are skipped (their numbers still count)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LineError(0, "Invalid file format. The file is not valid UTF-8.")
    records = []
    for i, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            raise LineError(i, "is not valid JSON.")
        if not isinstance(record, dict):
            raise LineError(i, "is not a JSON dictionary; every line must be one.")
        records.append((i, record))
    if not records:
        raise LineError(0, "Invalid file format. The file is empty.")
    return records


def convert_file(data):
    """A whole training or validation file -> [example]; the first bad line raises LineError."""
    return [convert_line(record, n) for n, record in parse_jsonl(data)]


def convert_line(record, line=0):
    messages = record.get("messages")
    if messages is None:
        raise LineError(line, "Missing required parameter: 'messages'.", "messages")
    tools = convert_tools(record.get("tools"), record.get("functions"), line)
    out = convert_messages(messages, line, "messages")
    trainable = [i for i, m in enumerate(out) if m["role"] == "assistant"]
    if not trainable:
        raise LineError(line, "has no assistant message to train on.", "messages")
    weights = {i: w for i, w in _weights(messages, line).items()}
    return {"messages": out, "tools": tools, "train": [i for i in trainable if weights.get(i, 1) == 1], "line": line}


def trained_turns(example, train_on="assistant"):
    """Indices of the messages whose tokens carry loss: every assistant turn with weight 1 (the default),
    only the last assistant turn, or `all` (no masking: None)."""
    if train_on == "all":
        return None
    if train_on == "last_assistant":
        last = max(i for i, m in enumerate(example["messages"]) if m["role"] == "assistant")
        return [last] if last in example["train"] else []
    return list(example["train"])


def _weights(messages, line):
    weights = {}
    for i, m in enumerate(messages):
        if "weight" not in m:
            continue
        if m.get("role") != "assistant":
            raise LineError(line, "'messages[%d].weight' is only allowed on assistant messages." % i,
                            "messages[%d].weight" % i)
        if m["weight"] not in (0, 1) or isinstance(m["weight"], bool):
            raise LineError(line, "Invalid value for 'messages[%d].weight': %s. Supported values are: '0' and '1'."
                            % (i, json.dumps(m["weight"])), "messages[%d].weight" % i)
        weights[i] = m["weight"]
    return weights


def convert_messages(messages, line=0, where="messages", call_names=None):
    """OpenAI chat messages (a training line's or a chat request's) -> HF messages. `call_names` (tool call
    id -> function name) is filled in as calls are read, for a caller that converts replies to them later."""
    if not isinstance(messages, list) or not messages:
        raise LineError(line, "'%s' must be a non-empty array of messages." % where, where)
    out = []
    call_names = {} if call_names is None else call_names
    for i, m in enumerate(messages):
        at = "%s[%d]" % (where, i)
        if not isinstance(m, dict):
            raise LineError(line, "'%s' must be an object." % at, at)
        role = m.get("role")
        if role == "developer":
            role = "system"
        if role not in ROLES:
            raise LineError(line, "Invalid value for '%s.role': %s. Supported values are: 'system', 'user', "
                            "'assistant', 'tool', and 'function'." % (at, json.dumps(role)), at + ".role")
        if role == "assistant":
            out.append(_assistant(m, at, line, call_names))
        elif role in ("tool", "function"):
            out.append(_tool_reply(m, role, at, line, call_names))
        else:
            out.append({"role": role, "content": _text(m.get("content"), at, line, required=True)})
    return out


def _assistant(m, at, line, call_names):
    content = _text(m.get("content"), at, line, required=False)
    calls = m.get("tool_calls")
    if calls is None and isinstance(m.get("function_call"), dict):  # deprecated single-call form
        calls = [{"type": "function", "function": m["function_call"]}]
    msg = {"role": "assistant", "content": content or ""}
    if calls is not None:
        if not isinstance(calls, list) or not calls:
            raise LineError(line, "'%s.tool_calls' must be a non-empty array." % at, at + ".tool_calls")
        msg["tool_calls"] = [_call(c, "%s.tool_calls[%d]" % (at, j), line, call_names) for j, c in enumerate(calls)]
    elif not content:
        raise LineError(line, "'%s' has neither content nor tool_calls." % at, at + ".content")
    if isinstance(m.get("reasoning_content"), str):
        msg["reasoning_content"] = m["reasoning_content"]
    return msg


def _call(c, at, line, call_names):
    fn = c.get("function") if isinstance(c, dict) else None
    if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not fn["name"]:
        raise LineError(line, "'%s' must be {\"type\": \"function\", \"function\": {\"name\", \"arguments\"}}." % at, at)
    if c.get("type", "function") != "function":
        raise LineError(line, "Invalid value for '%s.type': %s. Supported values are: 'function'."
                        % (at, json.dumps(c.get("type"))), at + ".type")
    call = {"type": "function", "function": {"name": fn["name"], "arguments": parse_arguments(fn.get("arguments"), at, line)}}
    if isinstance(c.get("id"), str):
        call["id"] = c["id"]
        call_names[c["id"]] = fn["name"]
    return call


def parse_arguments(args, at="arguments", line=0):
    """A call's arguments -> dict. OpenAI sends a string holding a JSON object; a dict is accepted as is."""
    if isinstance(args, dict):
        return args
    if args is None or args == "":
        return {}
    if isinstance(args, str):
        try:
            value = json.loads(args)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return value
    raise LineError(line, "'%s.function.arguments' must be a string holding a JSON object, got %s."
                    % (at, json.dumps(args)[:80]), at + ".function.arguments")


def _tool_reply(m, role, at, line, call_names):
    content = _text(m.get("content"), at, line, required=False) or ""
    if role == "function":
        name = m.get("name")
        if not isinstance(name, str) or not name:
            raise LineError(line, "Missing required parameter: '%s.name'." % at, at + ".name")
        return {"role": "tool", "name": name, "content": content}
    call_id = m.get("tool_call_id")
    if not isinstance(call_id, str) or not call_id:
        raise LineError(line, "Missing required parameter: '%s.tool_call_id'." % at, at + ".tool_call_id")
    name = call_names.get(call_id) or m.get("name")
    if not isinstance(name, str) or not name:
        raise LineError(line, "'%s.tool_call_id' %s does not answer an earlier tool call." % (at, json.dumps(call_id)),
                        at + ".tool_call_id")
    return {"role": "tool", "tool_call_id": call_id, "name": name, "content": content}


def _text(content, at, line, required):
    if isinstance(content, str):
        if required and not content:
            raise LineError(line, "'%s.content' must not be empty." % at, at + ".content")
        return content
    if content is None:
        if required:
            raise LineError(line, "Missing required parameter: '%s.content'." % at, at + ".content")
        return None
    if isinstance(content, list) and content:
        parts = []
        for j, part in enumerate(content):
            if not isinstance(part, dict) or part.get("type") not in ("text", "refusal"):
                raise LineError(line, "'%s.content[%d]' is not a text part; the GPU agent trains on text only."
                                % (at, j), "%s.content[%d]" % (at, j))
            parts.append(str(part.get("text", part.get("refusal", ""))))
        return "".join(parts)
    raise LineError(line, "Invalid type for '%s.content': expected a string or an array of text parts." % at,
                    at + ".content")


def convert_tools(tools, functions=None, line=0):
    """`tools` (and deprecated `functions`) -> [{"type": "function", "function": {...}}], or None."""
    out = []
    for key, items in (("tools", tools), ("functions", functions)):
        if items is None:
            continue
        if not isinstance(items, list):
            raise LineError(line, "Invalid type for '%s': expected an array." % key, key)
        for j, t in enumerate(items):
            fn = t.get("function") if isinstance(t, dict) and isinstance(t.get("function"), dict) else t
            if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not fn["name"]:
                raise LineError(line, "'%s[%d]' is not a function definition with a name." % (key, j), "%s[%d]" % (key, j))
            clean = {k: fn[k] for k in ("name", "description", "parameters", "strict") if k in fn}
            out.append({"type": "function", "function": clean})
    return out or None


def summarize(examples):
    """Counts for job validation: examples, assistant turns trained on, and a rough token estimate."""
    chars = sum(len(json.dumps(e["messages"])) + len(json.dumps(e["tools"] or [])) for e in examples)
    return {"examples": len(examples), "trained_turns": sum(len(e["train"]) for e in examples), "tokens": chars // 4}

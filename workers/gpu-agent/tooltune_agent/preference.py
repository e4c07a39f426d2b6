"""Preference pairs for DPO: OpenAI's preference fine-tuning lines and TRL's conversational DPO lines ->
TRL conversational samples, and those -> the prompt / chosen / rejected texts DPOTrainer tokenizes. Pure, stdlib only.

Two line formats are accepted (one per file):
  OpenAI: {"input": {"messages": [...], "tools": [...]}, "preferred_output": [assistant message],
           "non_preferred_output": [assistant message]}
  TRL:    {"prompt": [messages], "chosen": [assistant message], "rejected": [assistant message], "tools"?: [...]}
          (`tools` may also be a JSON string, as `datasets` before 4.7 stores it)
Both become `{"prompt", "chosen", "rejected", "tools", "line"}` with the messages in the form the SFT path
gives a chat template (tool-call arguments as objects, tool messages named, flat tools wrapped), so a
pair is rendered exactly like a supervised example. Errors name the line:
`Line 3: preferred_output must be a list with one assistant message.`"""
import json

from .prepare import LineError, _assistant, convert_messages, convert_tools, parse_jsonl

SUPERVISED, PREFERENCE = "supervised", "preference"
OPENAI_KEYS = ("input", "preferred_output", "non_preferred_output")
TRL_KEYS = ("prompt", "chosen", "rejected")
DESCRIBE = {SUPERVISED: "supervised examples (lines with 'messages')",
            PREFERENCE: "preference pairs (lines with 'input', 'preferred_output' and 'non_preferred_output', or "
                        "TRL's 'prompt', 'chosen' and 'rejected')"}
METHOD_FORMAT = {"supervised": SUPERVISED, "dpo": PREFERENCE}


def line_format(record):
    """supervised | preference | None (neither) for one parsed line."""
    if any(k in record for k in OPENAI_KEYS + TRL_KEYS):
        return PREFERENCE
    if "messages" in record:
        return SUPERVISED
    return None


def file_format(records):
    """The format of a file's first line that has one (supervised when no line says)."""
    for _n, record in records:
        kind = line_format(record)
        if kind:
            return kind
    return SUPERVISED


def convert_preference_file(data):
    """A whole DPO training or validation file -> [sample]; the first bad line raises LineError."""
    out = []
    for n, record in parse_jsonl(data):
        if line_format(record) == SUPERVISED:
            raise LineError(n, "is a supervised example ('messages'); a preference file needs 'input', "
                               "'preferred_output' and 'non_preferred_output' on every line.", "messages")
        out.append(convert_preference_line(record, n))
    return out


def convert_preference_line(record, line=0):
    """One preference line (either format) -> {"prompt", "chosen", "rejected", "tools", "line"}."""
    if any(k in record for k in OPENAI_KEYS):
        return _openai(record, line)
    return _trl(record, line)


def _openai(record, line):
    inp = record.get("input")
    if not isinstance(inp, dict):
        raise LineError(line, "Missing required parameter: 'input' (an object with 'messages' and 'tools')."
                        if inp is None else "Invalid type for 'input': expected an object.", "input")
    for key in ("preferred_output", "non_preferred_output"):
        if key not in record:
            raise LineError(line, "Missing required parameter: '%s'." % key, key)
    if inp.get("messages") is None:
        raise LineError(line, "Missing required parameter: 'input.messages'.", "input.messages")
    tools = convert_tools(inp.get("tools"), inp.get("functions"), line)
    prompt, names = _prompt(inp["messages"], line, "input.messages")
    chosen = _output(record["preferred_output"], "preferred_output", line, names)
    rejected = _output(record["non_preferred_output"], "non_preferred_output", line, names)
    return _sample(prompt, chosen, rejected, tools, line, ("preferred_output", "non_preferred_output"))


def _trl(record, line):
    for key in TRL_KEYS:
        if key not in record:
            raise LineError(line, "Missing required parameter: '%s'." % key, key)
    if isinstance(record["prompt"], str):
        raise LineError(line, "'prompt' must be a list of messages (TRL's conversational format), not a string.",
                        "prompt")
    tools = record.get("tools")
    if isinstance(tools, str):  # `datasets` before 4.7 keeps tools as a JSON string
        try:
            tools = json.loads(tools)
        except ValueError:
            raise LineError(line, "'tools' is a string that is not JSON.", "tools")
    tools = convert_tools(tools, None, line)
    prompt, names = _prompt(record["prompt"], line, "prompt")
    chosen = _output(record["chosen"], "chosen", line, names)
    rejected = _output(record["rejected"], "rejected", line, names)
    return _sample(prompt, chosen, rejected, tools, line, ("chosen", "rejected"))


def _prompt(messages, line, where):
    names = {}
    prompt = convert_messages(messages, line, where, names)
    last = prompt[-1]["role"]
    if last == "assistant":
        raise LineError(line, "'%s' ends with an assistant message; it must end with the user or tool message the "
                              "preferred and non-preferred replies answer." % where, where)
    return prompt, names


def _output(value, key, line, names):
    if (not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], dict)
            or value[0].get("role") != "assistant"):
        raise LineError(line, "%s must be a list with one assistant message." % key, key, field=True)
    return _assistant(value[0], "%s[0]" % key, line, dict(names))


def _sample(prompt, chosen, rejected, tools, line, keys):
    if _same(chosen, rejected):
        raise LineError(line, "%s and %s are the same reply; a pair must differ." % keys, keys[1], field=True)
    return {"prompt": prompt, "chosen": [chosen], "rejected": [rejected], "tools": tools, "line": line}


def _same(a, b):
    """Equal replies, ignoring call ids (the model never generates them)."""
    def strip(m):
        calls = [{"name": c["function"]["name"], "arguments": c["function"]["arguments"]}
                 for c in m.get("tool_calls") or []]
        return (m.get("content") or "", calls)
    return strip(a) == strip(b)


def summarize_pairs(samples):
    chars = sum(len(json.dumps(s["prompt"])) + len(json.dumps(s["chosen"])) + len(json.dumps(s["rejected"]))
                + len(json.dumps(s["tools"] or [])) for s in samples)
    return {"examples": len(samples), "pairs": len(samples), "tokens": chars // 4}


# --- rendering with the model's chat template (the tokenizer is duck-typed: apply_chat_template only)

class RenderError(ValueError):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def render_pair(sample, tokenizer, eos_token=None):
    """A sample -> {"prompt", "chosen", "rejected"} texts: the prompt rendered with the generation prompt,
    and each reply as the text the template appends to it (so prompt + chosen is the whole conversation).
    When a reply ends with `eos_token` (and the template's newline after it), that tail is cut: TRL's
    DPOTrainer appends the EOS token to every non-conversational completion itself."""
    tools = sample["tools"]

    def render(messages, generation):
        kwargs = {"tokenize": False, "add_generation_prompt": generation}
        if tools:
            kwargs["tools"] = tools
        return tokenizer.apply_chat_template(messages, **kwargs)

    try:
        prompt = render(sample["prompt"], True)
        out = {"prompt": prompt}
        for key in ("chosen", "rejected"):
            full = render(sample["prompt"] + sample[key], False)
            if not full.startswith(prompt):
                raise RenderError(sample["line"], "the chat template renders the %s reply's conversation with a "
                                                  "different prefix than the prompt (prompt ends %r)"
                                  % (key, prompt[-40:]))
            out[key] = _cut_eos(full[len(prompt):], eos_token)
    except RenderError:
        raise
    except Exception as e:  # jinja2 errors, templates that reject tools, ...
        raise RenderError(sample["line"], "%s: %s" % (type(e).__name__, e))
    return out


def _cut_eos(text, eos_token):
    if eos_token:
        stripped = text.rstrip()
        if stripped.endswith(eos_token):
            return stripped[: -len(eos_token)]
    return text


def check_file(data):
    """An uploaded fine-tune file -> its summary with "format": supervised or preference. Every line must be of
    the file's format (that of its first line); the first bad line raises LineError naming it."""
    from .prepare import convert_line, summarize

    records = parse_jsonl(data)
    kind = file_format(records)
    first = next((n for n, r in records if line_format(r)), records[0][0])
    for n, record in records:
        other = line_format(record)
        if other and other != kind:
            raise LineError(n, "is %s, but line %d is %s; a file holds one kind." % (
                _one(other), first, _one(kind)), "messages" if other == SUPERVISED else "input")
    if kind == PREFERENCE:
        return dict(summarize_pairs([convert_preference_line(r, n) for n, r in records]), format=PREFERENCE)
    return dict(summarize([convert_line(r, n) for n, r in records]), format=SUPERVISED)


def _one(kind):
    return "a supervised example ('messages')" if kind == SUPERVISED else "a preference pair"


def convert_for(method, data):
    """A training or validation file for a job of `method` (supervised | dpo) -> its examples or pairs."""
    from .prepare import convert_file

    return convert_preference_file(data) if method == "dpo" else convert_file(data)

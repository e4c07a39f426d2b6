"""A model's generated text -> OpenAI's assistant message (content and tool_calls). Pure, stdlib only.

Recognised when the request offered tools: Hermes / Qwen `<tool_call>{"name", "arguments"}</tool_call>`
(several, or one cut off by the token limit), Llama's `<|python_tag|>{...}` or a reply that is only a
`{"name", "parameters"}` object (or a list of them), and Mistral's `[TOOL_CALLS][...]`. Anything
else stays content, so a router-style reply (`{"tool": ..., "arguments": ...}` as text) reaches the
caller untouched, for ToolTune's parser to score. Calls that are not valid JSON are left as content
rather than guessed at."""
import json
import re

from .util import new_id

_THINK_EMPTY = re.compile(r"^\s*<think>\s*</think>\s*")
_HERMES = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.S)


def _call(obj):
    """{"name", "arguments"|"parameters"} -> an OpenAI tool call, or None."""
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"]:
        return None
    args = obj.get("arguments", obj.get("parameters", {}))
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except ValueError:
            return None
    if not isinstance(args, dict):
        return None
    return {"id": "call_" + new_id("", 24), "type": "function",
            "function": {"name": obj["name"], "arguments": json.dumps(args, ensure_ascii=False)}}


def _calls_of(text):
    try:
        value = json.loads(text)
    except ValueError:
        return None
    items = value if isinstance(value, list) else [value]
    calls = [_call(v) for v in items]
    return calls if calls and all(calls) else None


def parse_output(text, tools_offered):
    """-> {"content": str | None, "tool_calls": [..] | None}."""
    text = _THINK_EMPTY.sub("", text)
    if not tools_offered:
        return {"content": text.strip(), "tool_calls": None}
    if "<tool_call>" in text:
        calls = []
        for m in _HERMES.finditer(text):
            parsed = _calls_of(m.group(1))
            if not parsed:
                return {"content": text.strip(), "tool_calls": None}
            calls.extend(parsed)
        rest = _HERMES.sub("", text).strip()
        return {"content": rest or None, "tool_calls": calls}
    stripped = text.strip()
    for prefix in ("<|python_tag|>", "[TOOL_CALLS]"):
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix):].strip()
    if stripped.startswith(("{", "[")):
        calls = _calls_of(stripped)
        if calls:
            return {"content": None, "tool_calls": calls}
    return {"content": text.strip(), "tool_calls": None}

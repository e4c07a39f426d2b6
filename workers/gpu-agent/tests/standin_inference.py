#!/usr/bin/env python3
"""TEST STAND-IN for `python -m tooltune_agent.infer_worker`: no torch, no model, standard library only.

Speaks the inference backend's JSON-lines protocol on stdin/stdout. With tools in the request it
answers as a Hermes/Qwen model would, `<tool_call>{"name": <first tool>, "arguments": {...}}</tool_call>`
as text (so the agent's parser is exercised); without tools, router-style content:
`{"tool": "echo", "arguments": {"text": <last user message>, "model_dir": <folder name>, "base": <base folder
name>, "method": <the method of the run that wrote the adapter, from the stand-in trainer's adapter_config.json>}}`.
A model_dir that does not exist is answered with an error, as a failed load would be.
`{"op": "token_lengths"}` is answered by the agent's own train_data.token_report with the stand-in
ChatML tokenizer (standin_tokenizer.py): a word, a space or another character is a token."""
import json
import os
import sys

from standin_tokenizer import StandInTokenizer
from tooltune_agent.train_data import DataError, apply_chat_template, token_report


def token_lengths(req):
    tok = StandInTokenizer()
    try:
        apply_chat_template(tok, req.get("chat_template"), False)
        return {"report": token_report(req["examples"], tok, req["max_seq_length"], req["train_on"], req["model_name"])}
    except DataError as e:
        return {"error": {"code": "template_error", "message": str(e), "line": e.line}}


def answer(req):
    model_dir = req.get("model_dir")
    if model_dir and not os.path.isdir(model_dir):
        return {"error": {"message": "no adapter at %s" % model_dir, "code": "model_load_failed"}}
    user = [m["content"] for m in req["messages"] if m["role"] == "user"][-1]
    if req.get("tools"):
        name = req["tools"][0]["function"]["name"]
        text = '<tool_call>\n{"name": "%s", "arguments": {"query": %s}}\n</tool_call>' % (name, json.dumps(user))
    else:
        where = os.path.basename(model_dir) if model_dir else "base"
        method = None
        if model_dir and os.path.isfile(os.path.join(model_dir, "adapter_config.json")):
            with open(os.path.join(model_dir, "adapter_config.json")) as f:
                method = json.load(f).get("method")
        text = json.dumps({"tool": "echo", "arguments": {"text": user, "model_dir": where, "method": method,
                                                         "base": os.path.basename(req["base_model"].rstrip("/"))}})
    prompt = sum(len(str(m.get("content", "")).split()) for m in req["messages"])
    return {"text": text, "prompt_tokens": prompt, "completion_tokens": len(text.split())}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        reply = token_lengths(req) if req.get("op") == "token_lengths" else answer(req)
        reply["id"] = req.get("id")
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""POST /v1/chat/completions for the models the agent trained (and base models it has on disk).

The agent itself loads no model: it talks to an inference backend, a persistent child process speaking
JSON lines on stdin/stdout (default `python -m tooltune_agent.infer_worker`; --inference-cmd swaps it):
  request:  {"id", "base_model", "model_dir", "messages", "tools", "max_tokens", "load_in_4bit",
             "max_seq_length", "chat_template"}          (messages in HF form, arguments as objects)
  response: {"id", "text", "prompt_tokens", "completion_tokens", "finish_reason"?}
            or {"id", "content", "tool_calls", ...}, or {"id", "error": {"message", "code"}}
Requests are answered one at a time (one model in GPU memory); decoding is greedy, so `temperature`
and `top_p` are accepted and ignored."""
import json
import os
import select
import subprocess
import threading
import time

from . import checks
from .errors import ApiError, bad_request, model_not_found, unknown_argument
from .prepare import LineError, convert_messages, convert_tools
from .toolcalls import parse_output
from .util import new_id, now

CHAT_KEYS = {"model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens", "max_completion_tokens",
             "temperature", "top_p", "n", "seed", "stop", "stream", "stream_options", "response_format", "user",
             "metadata", "store", "frequency_penalty", "presence_penalty", "logprobs", "top_logprobs", "logit_bias",
             "functions", "function_call", "reasoning_effort", "service_tier", "prediction", "modalities"}


class Backend:
    """One persistent inference child; restarted on the next request when it dies or times out."""

    def __init__(self, cmd, timeout_s=600.0, log_path=None, env=None):
        self.cmd, self.timeout_s, self.log_path, self.env = list(cmd), timeout_s, log_path, env or {}
        self.lock = threading.Lock()
        self.proc = None
        self.buf = b""
        self.seq = 0

    def request(self, payload):
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            self.seq += 1
            payload = dict(payload, id=self.seq)
            try:
                self.proc.stdin.write((json.dumps(payload) + "\n").encode("utf-8"))
                self.proc.stdin.flush()
                while True:
                    reply = json.loads(self._read_line())
                    if reply.get("id") in (None, self.seq):
                        return reply
            except (OSError, ValueError, TimeoutError) as e:
                self._stop()
                raise ApiError(500, "The inference backend failed: %s. See %s." % (e, self.log_path or "its stderr"),
                               None, None, "server_error")

    def _start(self):
        log = open(self.log_path, "ab") if self.log_path else None
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                     env=dict(os.environ, **self.env), start_new_session=True)
        if log:
            log.close()
        self.buf = b""

    def _read_line(self):
        deadline = time.time() + self.timeout_s
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer within %ds" % self.timeout_s)
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise OSError("it exited (code %s)" % self.proc.wait(timeout=5))
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8")

    def _stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def close(self):
        with self.lock:
            self._stop()


def _check(body, max_tokens_limit):
    checks.obj("body", body)
    for key in body:
        if key not in CHAT_KEYS:
            raise unknown_argument(key)
    model = checks.string("model", checks.required(body, "model"), 1, 1000)
    checks.array("messages", checks.required(body, "messages"))
    if body.get("stream"):
        raise bad_request("Streaming is not supported by the ToolTune agent; send stream=false.", "stream",
                          "unsupported_parameter")
    if body.get("n") not in (None, 1):
        raise bad_request("Invalid 'n': the ToolTune agent returns one choice (greedy decoding).", "n",
                          "unsupported_value")
    key = "max_completion_tokens" if body.get("max_completion_tokens") is not None else "max_tokens"
    max_tokens = checks.integer(key, body.get(key), 1, max_tokens_limit, nullable=True)
    try:
        messages = convert_messages(body["messages"])
        tools = convert_tools(checks.array("tools", body.get("tools"), nullable=True), body.get("functions"))
    except LineError as e:
        raise bad_request(e.detail, e.param, "invalid_value")
    if body.get("tool_choice") == "none":
        tools = None
    return model, messages, tools, max_tokens or min(512, max_tokens_limit)


def complete(body, jobs, backend, max_tokens_limit=4096):
    """A chat.completion object, as OpenAI's; greedy decoding."""
    model, messages, tools, max_tokens = _check(body, max_tokens_limit)
    target = jobs.inference_target(model)
    if target is None:
        raise model_not_found(model)
    s = target["settings"]
    reply = backend.request({"base_model": target["base_model"], "model_dir": target["model_dir"], "messages": messages,
                             "tools": tools, "max_tokens": max_tokens, "load_in_4bit": s.get("load_in_4bit", True),
                             "max_seq_length": s.get("max_seq_length", 2048), "chat_template": s.get("chat_template")})
    if reply.get("error"):
        err = reply["error"]
        raise ApiError(500, "Inference failed: %s" % err.get("message"), None, err.get("code"), "server_error")
    if "text" in reply:
        out = parse_output(reply["text"], bool(tools))
    else:
        out = {"content": reply.get("content"), "tool_calls": reply.get("tool_calls") or None}
    completion = int(reply.get("completion_tokens") or 0)
    prompt = int(reply.get("prompt_tokens") or 0)
    finish = "tool_calls" if out["tool_calls"] else reply.get("finish_reason") or (
        "length" if completion >= max_tokens else "stop")
    message = {"role": "assistant", "content": out["content"], "refusal": None, "annotations": []}
    if out["tool_calls"]:
        message["tool_calls"] = out["tool_calls"]
    return {"id": "chatcmpl-" + new_id("", 29), "object": "chat.completion", "created": now(), "model": model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
            "system_fingerprint": None}

"""POST /v1/tooltune/token_lengths: the max_seq_length check before a run starts, with the model's own
tokenizer and chat template (ToolTune's own estimate uses OpenAI's o200k, which can be far off for a
Qwen or Llama tokenizer).

  request:  {"model": base model as a job takes it, "lines": [training-file records, 1..500],
             "max_seq_length", "train_on"?, "chat_template"?}
  response: {"object": "tooltune.token_lengths", "model", "examples", "samples", "longest", "over",
             "truncated", "dropped", "lengths": [tokens of each line's longest sample], "fits_max_seq_length",
             "warning"}

The inference worker loads the tokenizer (the agent process stays free of transformers); it answers
501 `token_check_unavailable` where that worker cannot load tokenizers (transformers missing)."""
from . import checks
from . import config as cfg
from .errors import ApiError, bad_request
from .models import resolve_base
from .prepare import LineError, convert_line

MAX_LINES = 500
KEYS = {"model", "lines", "max_seq_length", "train_on", "chat_template"}


def _check(body):
    checks.obj("body", body)
    checks.no_unknown(body, KEYS)
    model = checks.string("model", checks.required(body, "model"), 1, 1000)
    lines = checks.array("lines", checks.required(body, "lines"))
    if not 1 <= len(lines) <= MAX_LINES:
        raise bad_request("Invalid 'lines': send between 1 and %d lines (got %d)." % (MAX_LINES, len(lines)), "lines",
                          "invalid_value")
    max_seq_length = cfg.CHECK["max_seq_length"]("max_seq_length", checks.required(body, "max_seq_length"))
    train_on = cfg.CHECK["train_on"]("train_on", body.get("train_on", "assistant"))
    template = cfg.CHECK["chat_template"]("chat_template", body.get("chat_template"))
    examples = []
    for n, record in enumerate(lines, 1):
        checks.obj("lines[%d]" % (n - 1), record)
        try:
            examples.append(convert_line(record, n))
        except LineError as e:
            raise bad_request("Line %d: %s" % (n, e.detail), "lines[%d].%s" % (n - 1, e.param or ""), "invalid_line")
    return model, examples, max_seq_length, train_on, template


def token_lengths(body, backend, models_dirs=(), allow_download=False, allow_any_path=False):
    model, examples, max_seq_length, train_on, template = _check(body)
    base = resolve_base(model, models_dirs, allow_download, allow_any_path)
    reply = backend.request({"op": "token_lengths", "base_model": base["load"], "model_name": model,
                             "chat_template": template, "examples": examples, "max_seq_length": max_seq_length,
                             "train_on": train_on})
    err = reply.get("error")
    if err:
        code = err.get("code")
        if code == "tokenizer_unavailable":
            raise ApiError(501, "This agent cannot check token lengths: %s." % err.get("message"), None,
                           "token_check_unavailable", "server_error")
        if code == "template_error":
            line = err.get("line")
            raise bad_request(err.get("message"), "lines[%d]" % (line - 1) if line else "chat_template", "template_error")
        raise ApiError(500, "Loading the tokenizer of %s failed: %s" % (model, err.get("message")), None, code,
                       "server_error")
    return dict({"object": "tooltune.token_lengths", "model": model, "max_seq_length": max_seq_length},
                **reply["report"])

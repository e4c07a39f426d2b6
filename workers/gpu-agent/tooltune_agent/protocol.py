"""The trainer's log protocol: JSON lines a training child appends to <job dir>/progress.jsonl.

  {"type": "status", "message": "Loading base model ...", "level": "info"}
  {"type": "metrics", "step": 3, "total_steps": 30, "epoch": 0.3, "train_loss": 1.92,
   "train_mean_token_accuracy": 0.61, "learning_rate": 0.0002}      (eval logs: valid_loss, valid_mean_token_accuracy)
  {"type": "metrics", "step": 3, "total_steps": 30, "train_loss": 0.62, "rewards/chosen": 0.1,
   "rewards/rejected": -0.2, "rewards/margins": 0.3, "rewards/accuracies": 0.75}   (a DPO job; its eval logs:
   valid_loss, valid_rewards/chosen, valid_rewards/rejected, valid_rewards/margins, valid_rewards/accuracies)
  {"type": "checkpoint", "step": 10, "path": "/.../checkpoint-10"}
  {"type": "error", "code": "out_of_memory", "message": "CUDA out of memory. ..."}
  {"type": "done", "trained_tokens": 12345, "model_dir": "/.../adapter"}

Anything else in the file (a half-written last line, stray text) is ignored. Pure, stdlib only."""
import json

from .util import py_float

REWARD_KEYS = ("rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies")
VALID_REWARD_KEYS = tuple("valid_" + k for k in REWARD_KEYS)
METRIC_KEYS = ("epoch", "train_loss", "valid_loss", "train_mean_token_accuracy", "valid_mean_token_accuracy",
               "full_valid_loss", "full_valid_mean_token_accuracy", "learning_rate") + REWARD_KEYS + VALID_REWARD_KEYS
CSV_HEADER = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,epoch,learning_rate"
DPO_CSV_HEADER = CSV_HEADER + "," + ",".join(REWARD_KEYS + VALID_REWARD_KEYS)


def _num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and v not in (float("inf"), float("-inf"))


def _int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def parse_line(text):
    """One line -> a protocol message (a dict with a known `type`), or None when it is not one."""
    try:
        msg = json.loads(text)
    except ValueError:
        return None
    if not isinstance(msg, dict):
        return None
    kind = msg.get("type")
    if kind == "metrics":
        if not _int(msg.get("step")) or msg["step"] < 0:
            return None
        out = {"type": "metrics", "step": msg["step"]}
        if _int(msg.get("total_steps")):
            out["total_steps"] = msg["total_steps"]
        out.update({k: float(msg[k]) for k in METRIC_KEYS if _num(msg.get(k))})
        return out
    if kind == "checkpoint":
        return msg if _int(msg.get("step")) and isinstance(msg.get("path"), str) else None
    if kind == "status":
        return {"type": "status", "message": str(msg.get("message", "")),
                "level": msg.get("level") if msg.get("level") in ("info", "warn", "error") else "info"}
    if kind == "error":
        return {"type": "error", "code": str(msg.get("code") or "server_error"), "message": str(msg.get("message", ""))}
    if kind == "done":
        return {"type": "done", "trained_tokens": msg["trained_tokens"] if _int(msg.get("trained_tokens")) else None,
                "model_dir": msg.get("model_dir") if isinstance(msg.get("model_dir"), str) else None}
    return None


def metrics_message(m, total_steps):
    """The event message OpenAI writes for a step: `Step 12/30: training loss=0.52, validation loss=0.61`."""
    parts = []
    if "train_loss" in m:
        parts.append("training loss=%.2f" % m["train_loss"])
    if "valid_loss" in m:
        parts.append("validation loss=%.2f" % m["valid_loss"])
    if "full_valid_loss" in m:
        parts.append("full validation loss=%.2f" % m["full_valid_loss"])
    for prefix, what in (("", ""), ("valid_", "validation ")):
        if prefix + "rewards/margins" in m:
            parts.append("%sreward margin=%.2f" % (what, m[prefix + "rewards/margins"]))
        if prefix + "rewards/accuracies" in m:
            parts.append("%sreward accuracy=%.2f" % (what, m[prefix + "rewards/accuracies"]))
    return "Step %d/%s: %s" % (m["step"], total_steps if total_steps else "?", ", ".join(parts) or "evaluated")


def merge_row(rows, m):
    """Keeps one row per step; a later log of the same step (the evaluation after the training log) adds to it."""
    row = rows.setdefault(m["step"], {"step": m["step"]})
    row.update({k: m[k] for k in METRIC_KEYS if k in m})
    return row


def results_csv(rows, dpo=False):
    """step_metrics.csv, OpenAI's columns and number format, plus epoch and learning_rate (and, for a DPO job,
    the reward columns of its training and validation logs)."""
    lines = [DPO_CSV_HEADER if dpo else CSV_HEADER]
    for step in sorted(rows):
        r = rows[step]

        def cell(key, fmt=py_float):
            return fmt(r[key]) if key in r else ""

        lines.append(",".join([str(step), cell("train_loss"), cell("train_mean_token_accuracy"), cell("valid_loss"),
                               cell("valid_mean_token_accuracy"), cell("epoch"), cell("learning_rate", repr)]
                              + ([cell(k) for k in REWARD_KEYS + VALID_REWARD_KEYS] if dpo else [])))
    return "\n".join(lines) + "\n"


def checkpoint_metrics(rows, step):
    """A checkpoint's `metrics`: the row of its step, or of the last step before it."""
    known = [s for s in rows if s <= step]
    row = dict(rows[max(known)]) if known else {}
    row["step"] = float(step)
    return {k: v for k, v in row.items() if k not in ("epoch", "learning_rate")}


def from_trl_dpo_logs(logs):
    """One of TRL DPOTrainer's log dicts -> the metrics it carries in this protocol's names, or None:
    `loss` -> train_loss, `rewards/*` as they are; `eval_loss` -> valid_loss, `eval_rewards/*` -> valid_rewards/*.
    TRL's other keys (logps/*, logits/*, grad_norm) are left out; learning_rate is kept on train logs."""
    if "loss" in logs:
        out = {"train_loss": logs["loss"], "learning_rate": logs.get("learning_rate")}
        out.update({k: logs[k] for k in REWARD_KEYS if k in logs})
    elif "eval_loss" in logs:
        out = {"valid_loss": logs["eval_loss"]}
        out.update({"valid_" + k: logs["eval_" + k] for k in REWARD_KEYS if "eval_" + k in logs})
    else:
        return None
    return {k: float(v) for k, v in out.items() if _num(v)}

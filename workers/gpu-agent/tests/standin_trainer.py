#!/usr/bin/env python3
"""TEST STAND-IN for `python -m tooltune_agent.train`: no torch, no model, standard library only.

Run by the agent exactly like the real trainer (`<cmd> --job-dir DIR`), it reads DIR/job.json and writes
the same log protocol to DIR/progress.jsonl: status lines, one `metrics` line per step with decaying
losses (plus a validation line every tenth of the run and at epoch ends when there is a validation
file), a checkpoint directory and line per epoch, an adapter directory and `done` at the end. It honours
n_epochs, max_steps, batch size and gradient accumulation, and resumes after the step of `resume_from`
(a checkpoint-N folder) when the agent sets it. Tokens in the job's suffix or
metadata.test_script change its behaviour:
  fail_at_N      report an error at step N and exit 1        oom            report out_of_memory at step 1
  slow_MS        MS milliseconds per step (default 20)        steps_N        N steps in total
  crash          exit 3 at step 1 without reporting anything  template_error report a line that does not fit
  cut_N          N training lines too long for max_seq_length: the real trainer's warning, N left out
A DPO job (config "method": "dpo") logs DPO's metrics instead: a loss falling from ln 2, reward margins and
accuracies rising, and the adapter it wrote records the adapter it started from (the reference).
SIGTERM ends it at once (the default action), as cancel expects."""
import argparse
import json
import math
import os
import re
import sys
import time

from tooltune_agent.train_data import length_warning


def script_of(job):
    text = " ".join(filter(None, [job.get("user_provided_suffix"), (job.get("metadata") or {}).get("test_script")]))
    tokens = {m.group(1): int(m.group(2)) for m in re.finditer(r"(fail_at|slow|steps|cut)[:=_-]?(\d+)", text)}
    for word in ("oom", "crash", "template_error"):
        if re.search(r"(?<![A-Za-z0-9])%s(?![A-Za-z0-9])" % word, text):
            tokens[word] = 1
    return tokens


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--job-dir", required=True)
    folder = parser.parse_args().job_dir
    with open(os.path.join(folder, "job.json")) as f:
        saved = json.load(f)
    job, config = saved["job"], saved["config"]
    s, script = config["settings"], script_of(job)
    out = open(os.path.join(folder, "progress.jsonl"), "a")

    def emit(**msg):
        out.write(json.dumps(msg) + "\n")
        out.flush()

    print("stand-in trainer pid %d for %s" % (os.getpid(), job["id"]), flush=True)
    emit(type="status", message="Loading base model %s (test stand-in)" % config["base_model"])
    dpo = config.get("method") == "dpo"
    if dpo:
        start = config.get("init_adapter")
        if start and not os.path.isfile(os.path.join(start, "adapter_config.json")):
            emit(type="error", code="server_error", message="No adapter to continue at %s (stand-in)" % start)
            sys.exit(1)
        emit(type="status", message="DPO with beta=%s; reference: %s (test stand-in)"
             % (s["beta"], "the adapter of %s" % config["parent_model"] if start else "the base model"))
    with open(config["training_file"]) as f:
        n = sum(1 for line in f if line.strip())
    per_epoch = max(1, math.ceil(n / (s["per_device_train_batch_size"] * s["gradient_accumulation_steps"])))
    total = script.get("steps") or s.get("max_steps") or per_epoch * s["n_epochs"]
    epochs = max(1, math.ceil(total / per_epoch))
    epoch_ends = sorted({min(total, round((e + 1) * total / epochs)) for e in range(epochs)})
    delay = script.get("slow", 20) / 1000.0
    if script.get("cut"):
        dropped = min(n - 1, script["cut"])
        stats = {"samples": n - dropped, "truncated": 0, "dropped": dropped, "skipped": 0,
                 "longest": 2 * s["max_seq_length"]}
        emit(type="status", level="warn", message=length_warning(stats, s["max_seq_length"]))
        n -= dropped
    emit(type="status", message="Training %d examples, %d steps" % (n, total))
    first = 1
    if config.get("resume_from"):  # the agent restarted: go on after the checkpoint's step
        first = int(os.path.basename(config["resume_from"]).rsplit("-", 1)[1]) + 1
        emit(type="status", message="Resuming from %s (test stand-in)" % config["resume_from"])
    for step in range(first, total + 1):
        time.sleep(delay)
        if script.get("crash"):
            sys.exit(3)
        if script.get("oom"):
            emit(type="error", code="out_of_memory", message="CUDA out of memory. Tried to allocate 2.00 GiB (stand-in)")
            sys.exit(1)
        if script.get("template_error"):
            emit(type="error", code="invalid_training_file",
                 message="Line 2 does not fit the chat template of %s: roles must alternate (stand-in)" % job["model"])
            sys.exit(1)
        if "fail_at" in script and step >= script["fail_at"]:
            emit(type="error", code="server_error", message="The stand-in trainer failed at step %d" % step)
            sys.exit(1)
        common = dict(type="metrics", step=step, total_steps=total, epoch=round(step / per_epoch, 4))
        evaluate = config.get("validation_file") and (step in epoch_ends or step % max(1, total // 10) == 0)
        if dpo:
            train, valid = dpo_metrics(step, total, ""), dpo_metrics(step, total, "valid_", 0.9)
            emit(learning_rate=s["learning_rate"] * (1 - (step - 1) / total), **dict(common, **train))
            if evaluate:
                emit(**dict(common, **valid))
        else:
            loss = 0.1 + 2.4 * math.exp(-4.0 * step / total)
            emit(train_loss=round(loss, 5), train_mean_token_accuracy=round(min(1.0, 1.0 - loss / 3.0), 5),
                 learning_rate=s["learning_rate"] * (1 - (step - 1) / total), **common)
            if evaluate:
                emit(valid_loss=round(loss * 1.1, 5), valid_mean_token_accuracy=round(1.0 - loss * 1.1 / 3.0, 5),
                     **common)
        if step in epoch_ends:
            path = os.path.join(config["output_dir"], "checkpoints", "checkpoint-%d" % step)
            write_adapter(path, s, config)
            emit(type="checkpoint", step=step, path=path)
    adapter = os.path.join(config["output_dir"], "adapter")
    write_adapter(adapter, s, config)
    emit(type="done", trained_tokens=n * 50 * epochs, model_dir=adapter)


def dpo_metrics(step, total, prefix, scale=1.0):
    """DPO's logs as TRL names them, mapped as the real trainer maps them: the loss starts at ln 2 and falls,
    the margin between chosen and rejected rewards grows, and so does the share of pairs ranked right."""
    progress = 1 - math.exp(-3.0 * step / total)
    margin = 2.0 * progress * scale
    out = {"loss": round(math.log(2) * (1 - 0.8 * progress), 5), "rewards/chosen": round(margin / 2, 5),
           "rewards/rejected": round(-margin / 2, 5), "rewards/margins": round(margin, 5),
           "rewards/accuracies": round(min(1.0, 0.5 + 0.5 * progress * scale), 5)}
    out["train_loss" if not prefix else "valid_loss"] = out.pop("loss")
    return {(prefix + k if k.startswith("rewards/") else k): v for k, v in out.items()}


def write_adapter(path, settings, config):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "adapter_config.json"), "w") as f:
        json.dump({"r": settings["r"], "lora_alpha": settings["lora_alpha"], "stand_in": True,
                   "method": config.get("method", "supervised"), "init_adapter": config.get("init_adapter")}, f)
    with open(os.path.join(path, "adapter_model.safetensors"), "wb") as f:
        f.write(b"stand-in")


if __name__ == "__main__":
    main()

"""The training child: `python -m tooltune_agent.train --job-dir DIR` (started by the agent's scheduler).

Reads DIR/job.json ("config": base model, file paths, settings), trains a LoRA adapter, and reports in
the log protocol (see protocol.py) on DIR/progress.jsonl; its own stdout and stderr go to DIR/train.log.
With Unsloth installed the model is loaded and patched by Unsloth's FastLanguageModel; otherwise
torch + transformers + peft (+ accelerate) do the same with transformers' own Trainer, so a machine
without Unsloth, TRL or `datasets` still trains. A DPO job (config "method": "dpo") runs train_dpo.py,
TRL's DPOTrainer, which needs trl. Exit codes: 0 done, 1 reported error."""
import argparse
import json
import os
import sys
import traceback


class Emitter:
    """Appends protocol lines, one JSON object per line, flushed at once so the agent sees them live."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")

    def emit(self, **msg):
        msg = {k: v for k, v in msg.items() if v is not None}
        self.file.write(json.dumps(msg) + "\n")
        self.file.flush()

    def status(self, message, level="info"):
        self.emit(type="status", message=message, level=level)


def is_oom(e):
    name = type(e).__name__
    return name == "OutOfMemoryError" or "out of memory" in str(e).lower()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tooltune_agent.train")
    parser.add_argument("--job-dir", required=True)
    folder = parser.parse_args(argv).job_dir
    with open(os.path.join(folder, "job.json"), encoding="utf-8") as f:
        config = json.load(f)["config"]
    out = Emitter(os.path.join(folder, "progress.jsonl"))
    try:
        try:
            import unsloth  # noqa: F401  (first: it patches transformers when imported before it)
            use_unsloth = True
        except Exception as e:  # not installed, or installed without a usable GPU
            use_unsloth = False
            print("unsloth not used: %s: %s" % (type(e).__name__, e), flush=True)
        dpo = config.get("method") == "dpo"
        try:
            from . import train_loop
            if not use_unsloth:
                import peft  # noqa: F401  (imported where the model is built; missing, it is the same message)
        except ImportError as e:
            out.emit(type="error", code="trainer_unavailable",
                     message="The GPU machine lacks the training stack (%s). Install unsloth, or torch, transformers, "
                             "peft and accelerate%s, in the agent's Python environment." % (e, ", trl" if dpo else ""))
            return 1
        if dpo:
            try:
                import trl  # noqa: F401
                import datasets  # noqa: F401
                from . import train_dpo
            except ImportError as e:
                out.emit(type="error", code="trainer_unavailable",
                         message="DPO jobs need TRL (%s). Install trl (it brings datasets) in the agent's Python "
                                 "environment; supervised jobs do not need it." % e)
                return 1
            result = train_dpo.train(config, out, use_unsloth)
        else:
            result = train_loop.train(config, out, use_unsloth)
        out.emit(type="done", **result)
        return 0
    except Exception as e:
        traceback.print_exc()
        from .train_data import DataError

        if isinstance(e, DataError):
            param = getattr(e, "param", "training_file")
            out.emit(type="error", code="invalid_%s" % param, message=str(e))
        elif is_oom(e):
            out.emit(type="error", code="out_of_memory", message=str(e).splitlines()[0][:500])
        else:
            out.emit(type="error", code="server_error", message="Training failed: %s: %s" % (type(e).__name__, e))
        return 1


if __name__ == "__main__":
    sys.exit(main())

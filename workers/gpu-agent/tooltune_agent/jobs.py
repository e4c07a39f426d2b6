"""Fine-tuning jobs: creation, reads, cancel, and the status transitions the scheduler applies.

Status flow, as OpenAI's: validating_files -> queued -> running -> succeeded | failed | cancelled.
Lists are newest first and `after` (an id) pages towards older items, as in OpenAI's API."""
import os
import re
import time

from . import config as cfg
from . import models, preference
from .errors import bad_request, model_not_found, not_found
from .protocol import checkpoint_metrics, metrics_message, results_csv
from .util import new_id, now

TERMINAL = ("succeeded", "failed", "cancelled")
NO_ERROR = {"code": None, "message": None, "param": None}  # what OpenAI sends on a job that has not failed


def page(items, query, default_limit, what):
    """A cursor page of items listed newest first."""
    raw = query.get("limit")
    limit = default_limit
    if raw is not None:
        if not re.match(r"^[0-9]+$", raw) or int(raw) < 1:
            raise bad_request("Invalid 'limit': expected a positive integer, but got '%s' instead." % raw, "limit",
                              "invalid_value")
        limit = int(raw)
    start = 0
    after = query.get("after")
    if after:
        ids = [x["id"] for x in items]
        if after not in ids:
            raise bad_request("Invalid 'after': no %s with id %s." % (what, after), "after")
        start = ids.index(after) + 1
    data = items[start:start + limit]
    return {"object": "list", "data": data, "has_more": start + limit < len(items)}


def model_name(base, suffix, job_id):
    """ft:<base name>:tooltune:<suffix>:<8 characters>; a ':' or space in the suffix would break the name."""
    base_name = os.path.basename(base.rstrip("/")) or base
    return "ft:%s:tooltune:%s:%s" % (base_name, re.sub(r"[:\s]", "-", suffix or ""), job_id[-8:])


def _format_on_disk(path):
    """The format of a file uploaded before the agent recorded formats."""
    try:
        with open(path, "rb") as f:
            return preference.file_format(preference.parse_jsonl(f.read()))
    except (OSError, ValueError):
        return preference.SUPERVISED


class Jobs:
    def __init__(self, store, models_dirs=(), allow_download=False, allow_any_path=False):
        self.store = store
        self.models_dirs = list(models_dirs)
        self.allow_download = allow_download
        self.allow_any_path = allow_any_path

    # --- API
    def create(self, body):
        method, hp, lora, given = cfg.check_create(body)
        parent, adapter = self._parent(body["model"]) if method == "dpo" else (None, None)
        if parent:
            # DPO on a model this agent trained: its base, with its adapter trained on and kept as the reference.
            base = {"load": parent.config["base_model"], "source": parent.config.get("base_source")}
            base_name = parent.config.get("base_name") or parent.job["model"]
            lora = cfg.inherit(lora, given, parent.config["settings"])
        else:
            if method == "dpo" and body["model"].startswith("ft:"):
                raise model_not_found(body["model"])
            base = models.resolve_base(body["model"], self.models_dirs, self.allow_download, self.allow_any_path)
            base_name = body["model"]
            if method == "dpo":
                lora = cfg.dpo_defaults(lora, given)
        files = {}
        for param in ("training_file", "validation_file"):
            file_id = body.get(param)
            if file_id:
                files[param] = self._fine_tune_file(file_id, param, method)
        echoed, training = cfg.resolve(hp, lora, body.get("seed"))
        with self.store.lock:
            job_id = new_id("ftjob-")
            seed = training["seed"]
            job = {"object": "fine_tuning.job", "id": job_id, "model": body["model"], "created_at": now(),
                   "finished_at": None, "fine_tuned_model": None, "organization_id": "org-tooltune",
                   "result_files": [], "status": "validating_files", "validation_file": body.get("validation_file"),
                   "training_file": body["training_file"], "trained_tokens": None,
                   "hyperparameters": {k: v for k, v in echoed.items() if k != "beta"},
                   "error": dict(NO_ERROR), "user_provided_suffix": body.get("suffix"), "seed": seed,
                   "estimated_finish": None, "integrations": [], "metadata": body.get("metadata"),
                   "method": {"type": method, method: {"hyperparameters": dict(echoed)}},
                   "usage_metrics": None, "shared_with_openai": False,
                   "lora": dict(lora, per_device_train_batch_size=training["per_device_train_batch_size"])}
            folder = os.path.join(self.store.jobs_dir, job_id)
            config = {"job_id": job_id, "model": body["model"], "base_model": base["load"], "base_source": base["source"],
                      "training_file": files["training_file"], "validation_file": files.get("validation_file"),
                      "output_dir": os.path.join(folder, "output"), "settings": training, "method": method,
                      "base_name": base_name}
            if method == "dpo":
                # The adapter DPO starts from, which is also the frozen reference; None: a fresh LoRA on the base,
                # whose reference is the base itself.
                config["init_adapter"] = adapter
                config["parent_model"] = body["model"] if parent else None
            state = {"seq": time.time_ns(), "model_name": model_name(base_name, body.get("suffix"), job_id)}
            rec = self.store.add_job(job, config, state)
            self.store.add_event(rec, "Created fine-tuning job: %s" % job_id)
            extra = " and validation file: %s" % job["validation_file"] if job["validation_file"] else ""
            self.store.add_event(rec, "Validating training file: %s%s" % (job["training_file"], extra))
            return dict(job)

    def _fine_tune_file(self, file_id, param, method="supervised"):
        meta = self.store.files.get(file_id)
        if not meta:
            raise bad_request("No such File object: %s" % file_id, param)
        if meta["object"]["purpose"] != "fine-tune":
            raise bad_request("File %s has purpose '%s', but fine-tuning files must be uploaded with purpose "
                              "'fine-tune'." % (file_id, meta["object"]["purpose"]), param)
        path = self.store.file_path(file_id)
        kind = (meta.get("extra") or {}).get("format") or _format_on_disk(path)
        wanted = preference.METHOD_FORMAT[method]
        if kind != wanted:
            raise bad_request("File %s holds %s, but a %s job trains on %s." % (
                file_id, preference.DESCRIBE[kind], method, preference.DESCRIBE[wanted]), param, "invalid_file_format")
        return path

    def _parent(self, model_id):
        """A model this agent trained (a fine-tuned model or a checkpoint) -> (its job record, its adapter folder);
        (None, None) when model_id names none."""
        for entry, path in self.model_entries():
            if entry["id"] == model_id:
                if not entry["available"]:
                    raise bad_request("Model %s is not available for fine-tuning: its adapter folder %s is gone."
                                      % (model_id, path), "model", "model_not_available")
                return self.store.jobs[entry["job_id"]], path
        return None, None

    def get(self, job_id):
        rec = self.store.jobs.get(job_id)
        if not rec:
            raise not_found("No such fine-tuning job: %s" % job_id, "fine_tuning_job_id")
        return rec

    def list(self, query):
        wanted = [(m.group(1), v) for k, v in query.items() for m in [re.match(r"^metadata\[(.+)\]$", k)] if m]
        no_metadata = query.get("metadata") == "null"
        with self.store.lock:  # copies: a job changes while another thread serialises it
            jobs = [dict(r.job) for r in reversed(list(self.store.jobs.values()))]
        jobs = [j for j in jobs if (j["metadata"] is None if no_metadata else
                                    all((j["metadata"] or {}).get(k) == v for k, v in wanted))]
        return page(jobs, query, 20, "fine-tuning job")

    def view(self, job_id):
        """The job as the API shows it, copied under the lock (so never half-way through a transition)."""
        rec = self.get(job_id)
        with self.store.lock:
            return dict(rec.job)

    def events(self, job_id, query):
        rec = self.get(job_id)
        with self.store.lock:
            return page(list(reversed(rec.events)), query, 20, "event")

    def checkpoints(self, job_id, query):
        rec = self.get(job_id)
        with self.store.lock:
            p = page(list(reversed(rec.checkpoints)), query, 10, "checkpoint")
        p["first_id"] = p["data"][0]["id"] if p["data"] else None
        p["last_id"] = p["data"][-1]["id"] if p["data"] else None
        return p

    def cancel_checked(self, job_id):
        rec = self.get(job_id)
        status = rec.job["status"]
        if status in TERMINAL:
            done = {"succeeded": "completed", "failed": "failed", "cancelled": "been cancelled"}[status]
            raise bad_request("Job %s has already %s and cannot be cancelled." % (job_id, done))
        return rec

    # --- transitions (callers hold store.lock)
    def set_status(self, rec, status, message=None, **fields):
        rec.job["status"] = status
        rec.job.update(fields)
        if status in TERMINAL:
            rec.job["finished_at"] = rec.job.get("finished_at") or now()
            rec.job["estimated_finish"] = None
        if message:
            self.store.add_event(rec, message)
        self.store.save_job(rec)

    def fail(self, rec, code, message, param=None):
        rec.job["error"] = {"code": code, "message": message, "param": param}
        self.store.add_event(rec, message, level="error")
        self.set_status(rec, "failed")

    def metrics(self, rec, m):
        total = m.get("total_steps") or rec.state.get("total_steps")
        rec.state.update(step=m["step"], total_steps=total)
        data = dict(m)
        data.pop("type", None)
        if total:
            data["total_steps"] = total
        self.store.add_event(rec, metrics_message(m, total), type_="metrics", data=data)
        started = rec.state.get("started_at")
        if total and started and m["step"] > 0:
            elapsed = time.time() - started
            rec.job["estimated_finish"] = now() + int(elapsed / m["step"] * max(0, total - m["step"]))
        self.store.save_job(rec)

    def checkpoint(self, rec, step, path):
        name = "%s:ckpt-step-%d" % (rec.state["model_name"], step)
        rec.checkpoints.append({"object": "fine_tuning.job.checkpoint", "id": new_id("ftckpt_"), "created_at": now(),
                                "fine_tuned_model_checkpoint": name, "fine_tuning_job_id": rec.job["id"],
                                "metrics": checkpoint_metrics(rec.rows, step), "step_number": step, "path": path})
        self.store.save_checkpoints(rec)
        self.store.add_event(rec, "Checkpoint created at step %d with Snapshot ID: %s" % (step, name))

    def succeed(self, rec, trained_tokens, model_dir):
        csv = results_csv(rec.rows, dpo=rec.config.get("method") == "dpo")
        result = self.store.add_file(csv.encode("utf-8"), "step_metrics.csv", "fine-tune-results")
        rec.state["model_dir"] = model_dir or os.path.join(rec.config["output_dir"], "adapter")
        name = rec.state["model_name"]
        self.store.add_event(rec, "New fine-tuned model created: %s" % name)
        self.set_status(rec, "succeeded", "The job has successfully completed", fine_tuned_model=name,
                        trained_tokens=trained_tokens, result_files=[result["id"]])

    # --- models
    def model_entries(self):
        """Trained models and checkpoints, as (entry, path) pairs, with how to load them in `config`."""
        out = []
        with self.store.lock:
            recs = list(self.store.jobs.values())
        for rec in recs:
            base, job_id = rec.config.get("base_name") or rec.job["model"], rec.job["id"]
            if rec.job["status"] == "succeeded" and rec.job["fine_tuned_model"]:
                out.append(models.trained_entry(rec.job["fine_tuned_model"], "fine-tuned", rec.state.get("model_dir", ""),
                                                rec.job["finished_at"] or rec.job["created_at"], base, job_id))
            for c in rec.checkpoints:
                out.append(models.trained_entry(c["fine_tuned_model_checkpoint"], "checkpoint", c.get("path", ""),
                                                c["created_at"], base, job_id))
        return out

    def inference_target(self, model_id):
        """-> {"base_model", "model_dir", "settings"} for a trained model, checkpoint or available base model."""
        for entry, path in self.model_entries():
            if entry["id"] == model_id and entry["available"]:
                rec = self.store.jobs[entry["job_id"]]
                return {"base_model": rec.config["base_model"], "model_dir": path, "settings": rec.config["settings"]}
        for entry, path in models.base_models(self.models_dirs):
            if entry["id"] == model_id and entry["available"]:
                return {"base_model": path, "model_dir": None, "settings": dict(cfg.LORA_DEFAULTS)}
        return None


"""Runs the jobs: validates their files, then starts one training child per GPU slot, oldest queued
job first, follows each child's log protocol (<job dir>/progress.jsonl) and applies what it reports.

A child runs in its own process group, so cancel (and shutdown) can stop it and everything it started:
SIGTERM, then SIGKILL after a grace period. The slot is free, and the next job starts, only once the
child has exited, so its GPU memory is released. After a restart, any trainer the old agent left behind
is stopped, and a job that was running goes back to the queue to resume from its last checkpoint (the
trainer gets `resume_from` in its config); one with no checkpoint yet, or restarted MAX_RESUMES times
already, is failed with a clear message. Queued jobs start as usual."""
import os
import signal
import subprocess
import sys
import threading
import time
import traceback

from .preference import convert_for
from .prepare import LineError, MIN_EXAMPLES, too_few_message
from .protocol import parse_line

MAX_RESUMES = 3
RESTARTED = "The ToolTune agent restarted while this job was running, before its first checkpoint; start it again."
RESUMING = "The ToolTune agent restarted while this job was running; it resumes from the checkpoint at step %d."
GAVE_UP = ("The ToolTune agent restarted %d times while this job was running; it is not resumed again. Its last "
           "checkpoint is %s.")


class Child:
    def __init__(self, rec, proc, slot):
        self.rec, self.proc, self.slot = rec, proc, slot
        self.offset = 0
        self.partial = b""
        self.outcome = None  # the trainer's "error" or "done" message
        self.cancelled = False


class Scheduler:
    def __init__(self, jobs, trainer_cmd, slots=(None,), grace_s=10.0, poll_s=0.2, env=None):
        self.jobs, self.store = jobs, jobs.store
        self.trainer_cmd = list(trainer_cmd)
        self.slots = {slot: None for slot in slots}  # GPU id (or None: the inherited devices) -> Child
        self.grace_s, self.poll_s = grace_s, poll_s
        self.env = env or {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)

    # --- lifecycle
    def start(self):
        with self.store.lock:
            for rec in self.store.jobs.values():
                if rec.job["status"] == "running":
                    stop_orphan(rec, self.grace_s)
                    self._recover(rec)
        self.thread.start()

    def _recover(self, rec):
        """A job the last agent was running: back to the queue from its last checkpoint, or failed."""
        last = next((c for c in reversed(rec.checkpoints) if os.path.isdir(c.get("path") or "")), None)
        resumes = rec.state.get("resumes", 0)
        if last is None:
            self.jobs.fail(rec, "agent_restarted", RESTARTED)
        elif resumes >= MAX_RESUMES:
            self.jobs.fail(rec, "agent_restarted", GAVE_UP % (resumes + 1, last["path"]))
        else:
            rec.config["resume_from"] = last["path"]
            rec.state["resumes"] = resumes + 1
            # A warning: the run page shows warnings at the top, and an interrupted run is worth knowing about.
            self.store.add_event(rec, RESUMING % last["step_number"], level="warn")
            self.jobs.set_status(rec, "queued")

    def shutdown(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        for child in [c for c in self.slots.values() if c]:
            stop_process_group(child.proc.pid, self.grace_s, child.proc)

    def cancel(self, job_id):
        with self.store.lock:
            rec = self.jobs.cancel_checked(job_id)
            child = next((c for c in self.slots.values() if c and c.rec is rec), None)
            if child:
                child.cancelled = True
                threading.Thread(target=stop_process_group, args=(child.proc.pid, self.grace_s, child.proc),
                                 daemon=True).start()
            self.jobs.set_status(rec, "cancelled", "Fine-tuning job cancelled")
            return dict(rec.job)

    # --- the loop
    def _loop(self):
        while not self.stopping.is_set():
            try:
                self._validate_pending()
                with self.store.lock:
                    for child in list(self.slots.values()):
                        if child:
                            self._follow(child)
                    self._start_queued()
            except Exception:  # keep scheduling; the traceback is in the agent's stderr
                traceback.print_exc(file=sys.stderr)
            self.stopping.wait(self.poll_s)

    def _validate_pending(self):
        with self.store.lock:
            pending = [r for r in self.store.jobs.values() if r.job["status"] == "validating_files"]
        for rec in pending:
            verdict = validate_files(rec.config)
            with self.store.lock:
                if rec.job["status"] != "validating_files":
                    continue  # cancelled meanwhile
                if verdict:
                    self.jobs.fail(rec, *verdict)
                else:
                    self.jobs.set_status(rec, "queued", "Files validated, moving job to queued state")

    def _start_queued(self):
        for slot, child in self.slots.items():
            if child:
                continue
            rec = next((r for r in self.store.jobs.values() if r.job["status"] == "queued"), None)
            if not rec:
                return
            self.slots[slot] = self._spawn(rec, slot)

    def _spawn(self, rec, slot):
        env = dict(os.environ, **self.env)
        if slot is not None:
            env["CUDA_VISIBLE_DEVICES"] = str(slot)
        for name in ("progress.jsonl",):
            open(os.path.join(rec.folder, name), "wb").close()
        with open(os.path.join(rec.folder, "train.log"), "ab") as log:
            proc = subprocess.Popen(self.trainer_cmd + ["--job-dir", rec.folder], stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, cwd=rec.folder, env=env, start_new_session=True)
        rec.state.update(pid=proc.pid, started_at=time.time(), gpu=slot)
        self.jobs.set_status(rec, "running", "Fine-tuning job started")
        return Child(rec, proc, slot)

    def _follow(self, child):
        exited = child.proc.poll() is not None
        for msg in self._new_messages(child, exited):
            if child.cancelled or child.rec.job["status"] != "running":
                continue
            if msg["type"] in ("error", "done"):
                child.outcome = child.outcome or msg
            elif msg["type"] == "metrics":
                self.jobs.metrics(child.rec, msg)
            elif msg["type"] == "checkpoint":
                self.jobs.checkpoint(child.rec, msg["step"], msg["path"])
            elif msg["type"] == "status" and msg["message"]:
                self.store.add_event(child.rec, msg["message"], level=msg["level"])
        if exited:
            self.slots[child.slot] = None
            if child.rec.job["status"] == "running":
                self._finish(child)

    def _new_messages(self, child, exited=False):
        path = os.path.join(child.rec.folder, "progress.jsonl")
        try:
            with open(path, "rb") as f:
                f.seek(child.offset)
                chunk = f.read()
        except FileNotFoundError:
            return []
        child.offset += len(chunk)
        lines = (child.partial + chunk).split(b"\n")
        child.partial = b"" if exited else lines.pop()
        return [m for m in (parse_line(line.decode("utf-8", "replace")) for line in lines if line.strip()) if m]

    def _finish(self, child):
        rec, outcome, code = child.rec, child.outcome, child.proc.returncode
        if outcome and outcome["type"] == "done" and code == 0:
            return self.jobs.succeed(rec, outcome["trained_tokens"], outcome["model_dir"])
        if outcome and outcome["type"] == "error":
            return self.jobs.fail(rec, outcome["code"], explain_error(rec, outcome), error_param(outcome["code"]))
        why = "was killed by signal %d" % -code if code < 0 else "exited with code %d" % code
        self.jobs.fail(rec, "server_error", "The trainer %s without reporting a result. Last lines of %s:\n%s"
                       % (why, os.path.join(rec.folder, "train.log"), tail(os.path.join(rec.folder, "train.log"))))


def validate_files(config):
    """None when the files can train, else (code, message, param) as OpenAI fails a job's validation."""
    for param in ("training_file", "validation_file"):
        path = config.get(param)
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                examples = convert_for(config.get("method", "supervised"), f.read())
        except FileNotFoundError:
            return ("invalid_%s" % param, "The %s no longer exists on the agent." % param.replace("_", " "), param)
        except LineError as e:
            return ("invalid_%s" % param, "Invalid file format. %s" % e, param)
        if param == "training_file" and len(examples) < MIN_EXAMPLES:
            return ("invalid_n_examples", too_few_message(len(examples)), param)
    return None


def explain_error(rec, outcome):
    """Out of memory is reported with the settings that caused it, and what to lower."""
    if outcome["code"] != "out_of_memory":
        return outcome["message"] or "The trainer failed without a message."
    s = rec.config["settings"]
    dpo = ""
    if rec.config.get("method") == "dpo":
        reference = ("the frozen copy of the adapter of %s" % rec.config["parent_model"]
                     if rec.config.get("parent_model") else "the base model with the adapter switched off")
        dpo = (" DPO holds each pair's chosen and rejected replies in one batch (twice the sequences of a supervised "
               "batch) and runs the reference (%s) on them too, so it needs more memory than SFT with the same "
               "settings." % reference)
    return ("The GPU ran out of memory with per_device_train_batch_size=%s, gradient_accumulation_steps=%s, "
            "max_seq_length=%s, load_in_4bit=%s, r=%s on %s.%s Lower the batch size (raise gradient_accumulation_steps "
            "to keep the effective batch) or max_seq_length, set load_in_4bit=true, or use a smaller r. (%s)"
            % (s["per_device_train_batch_size"], s["gradient_accumulation_steps"], s["max_seq_length"],
               str(s["load_in_4bit"]).lower(), s["r"], rec.job["model"], dpo, (outcome["message"] or "")[:300]))


def error_param(code):
    return {"invalid_training_file": "training_file", "invalid_validation_file": "validation_file",
            "model_not_available": "model"}.get(code)


def tail(path, lines=8, limit=1500):
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.path.getsize(path) - 8192))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])[-limit:]


def alive(pid):
    """True while the process exists and is not a zombie."""
    if os.path.isdir("/proc/self"):
        try:
            with open("/proc/%d/stat" % pid) as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def stop_process_group(pid, grace_s, proc=None):
    """SIGTERM to the group, SIGKILL after grace_s; reaps `proc` when it is our child."""
    for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
        deadline = time.time() + wait_s
        while time.time() < deadline:
            if proc is not None and proc.poll() is not None:
                return
            if proc is None and not alive(pid):
                return
            time.sleep(0.05)


def stop_orphan(rec, grace_s):
    """A trainer left by the previous agent: stopped when its command line still names this job's folder."""
    pid = rec.state.get("pid")
    if not pid or not alive(pid):
        return
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            mine = rec.folder.encode() in f.read()
    except OSError:
        mine = False
    if mine:
        stop_process_group(pid, grace_s)

"""The agent's state on disk, so that a restart loses nothing:

  <data dir>/files/<file id>.json       the OpenAI file object (+ example count for fine-tune uploads)
  <data dir>/files/<file id>.data       its content
  <data dir>/jobs/<job id>/job.json     {"job": OpenAI job object, "config": training config, "state": {...}}
  <data dir>/jobs/<job id>/events.jsonl events, oldest first, one per line (append-only)
  <data dir>/jobs/<job id>/checkpoints.json
  <data dir>/jobs/<job id>/progress.jsonl  the trainer's log protocol; train.log its stdout and stderr
  <data dir>/jobs/<job id>/output/      checkpoints/, adapter/, merged/, gguf/

JSON files are replaced atomically (temp file + os.replace); an events line cut by a crash is skipped."""
import json
import os
import threading

from .protocol import merge_row
from .util import atomic_write_bytes, atomic_write_json, new_id, now, read_json


class JobRecord:
    def __init__(self, job, config, state, folder):
        self.job = job
        self.config = config
        self.state = state  # model_name, pid, started_at, step, total_steps, ...
        self.folder = folder
        self.events = []  # oldest first
        self.checkpoints = []  # oldest first
        self.rows = {}  # step -> merged metrics


class Store:
    def __init__(self, data_dir):
        self.root = os.path.abspath(data_dir)
        self.files_dir = os.path.join(self.root, "files")
        self.jobs_dir = os.path.join(self.root, "jobs")
        os.makedirs(self.files_dir, exist_ok=True)
        os.makedirs(self.jobs_dir, exist_ok=True)
        self.lock = threading.RLock()
        self.files = {}
        self.jobs = {}  # insertion order = creation order
        self._load()

    # --- files
    def add_file(self, content, filename, purpose, extra=None):
        with self.lock:
            file_id = new_id("file-")
            obj = {"id": file_id, "object": "file", "bytes": len(content), "created_at": now(), "filename": filename,
                   "purpose": purpose, "status": "processed", "status_details": None}
            atomic_write_bytes(self.file_path(file_id), content)
            meta = {"object": obj, "extra": extra or {}}
            atomic_write_json(os.path.join(self.files_dir, file_id + ".json"), meta)
            self.files[file_id] = meta
            return obj

    def file_path(self, file_id):
        return os.path.join(self.files_dir, file_id + ".data")

    def delete_file(self, file_id):
        with self.lock:
            self.files.pop(file_id, None)
            for suffix in (".json", ".data"):
                try:
                    os.unlink(os.path.join(self.files_dir, file_id + suffix))
                except FileNotFoundError:
                    pass

    # --- jobs
    def add_job(self, job, config, state):
        with self.lock:
            folder = os.path.join(self.jobs_dir, job["id"])
            os.makedirs(folder, exist_ok=True)
            rec = JobRecord(job, config, state, folder)
            self.jobs[job["id"]] = rec
            self.save_job(rec)
            return rec

    def save_job(self, rec):
        with self.lock:
            atomic_write_json(os.path.join(rec.folder, "job.json"), {"job": rec.job, "config": rec.config,
                                                                     "state": rec.state})

    def save_checkpoints(self, rec):
        with self.lock:
            atomic_write_json(os.path.join(rec.folder, "checkpoints.json"), rec.checkpoints)

    def add_event(self, rec, message, level="info", type_="message", data=None):
        with self.lock:
            event = {"object": "fine_tuning.job.event", "id": new_id("ftevent-"), "created_at": now(), "level": level,
                     "message": message, "data": data or {}, "type": type_}
            with open(os.path.join(rec.folder, "events.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(event) + "\n")
            rec.events.append(event)
            if type_ == "metrics" and data:
                merge_row(rec.rows, data)
            return event

    # --- loading after a (re)start
    def _load(self):
        for name in sorted(os.listdir(self.files_dir)):
            if name.endswith(".json"):
                meta = read_json(os.path.join(self.files_dir, name))
                if meta and os.path.isfile(self.file_path(meta["object"]["id"])):
                    self.files[meta["object"]["id"]] = meta
        recs = []
        for name in os.listdir(self.jobs_dir):
            folder = os.path.join(self.jobs_dir, name)
            saved = read_json(os.path.join(folder, "job.json"))
            if not saved:
                continue
            rec = JobRecord(saved["job"], saved["config"], saved.get("state", {}), folder)
            rec.checkpoints = read_json(os.path.join(folder, "checkpoints.json"), [])
            rec.events = _read_events(os.path.join(folder, "events.jsonl"))
            for e in rec.events:
                if e.get("type") == "metrics" and isinstance(e.get("data"), dict) and "step" in e["data"]:
                    merge_row(rec.rows, e["data"])
            recs.append(rec)
        for rec in sorted(recs, key=lambda r: (r.job["created_at"], r.state.get("seq", 0))):
            self.jobs[rec.job["id"]] = rec


def _read_events(path):
    events = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    events.append(json.loads(line))
                except ValueError:
                    continue  # a line cut short by a crash
    except FileNotFoundError:
        pass
    return events

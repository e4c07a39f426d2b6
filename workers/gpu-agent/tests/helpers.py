"""Starts the real agent (`python -m tooltune_agent`) with the test stand-ins, and talks to it over HTTP."""
import json
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time

from tooltune_agent.client import Client, spawn_agent

HERE = os.path.dirname(os.path.abspath(__file__))
AGENT_ROOT = os.path.dirname(HERE)
TOKEN = secrets.token_urlsafe(32)
TRAINER = "%s %s" % (sys.executable, os.path.join(HERE, "standin_trainer.py"))
INFERENCE = "%s %s" % (sys.executable, os.path.join(HERE, "standin_inference.py"))


def tool_line(i, weight=None):
    """A native-tools training line: user -> tool call -> tool result -> answer."""
    call = {"id": "call_%d" % i, "type": "function",
            "function": {"name": "get_weather", "arguments": json.dumps({"city": "City %d" % i})}}
    assistant = {"role": "assistant", "tool_calls": [call]}
    if weight is not None:
        assistant["weight"] = weight
    return {"messages": [{"role": "system", "content": "You route requests to tools."},
                         {"role": "user", "content": "Weather in City %d?" % i}, assistant,
                         {"role": "tool", "tool_call_id": "call_%d" % i, "content": "{\"temp\": 20}"},
                         {"role": "assistant", "content": "It is 20 degrees in City %d." % i}],
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
                                                        "parameters": {"type": "object",
                                                                       "properties": {"city": {"type": "string"}}}}}]}


WEATHER_TOOL = {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
                                                 "parameters": {"type": "object",
                                                                "properties": {"city": {"type": "string"}}}}}


def openai_pair(i):
    """OpenAI's preference fine-tuning line: the gold call is preferred, a chit-chat answer (a missed call) is not."""
    return {"input": {"messages": [{"role": "system", "content": "You route requests to tools."},
                                   {"role": "user", "content": "Weather in City %d?" % i}],
                      "tools": [WEATHER_TOOL], "parallel_tool_calls": False},
            "preferred_output": [{"role": "assistant", "tool_calls": [
                {"id": "call_%d" % i, "type": "function",
                 "function": {"name": "get_weather", "arguments": json.dumps({"city": "City %d" % i})}}]}],
            "non_preferred_output": [{"role": "assistant", "content": "I cannot check the weather."}]}


def trl_pair(i):
    """TRL's conversational DPO line for the same decision: no call is preferred to a false tool call."""
    return {"prompt": [{"role": "user", "content": "Thanks, that is all %d" % i}],
            "chosen": [{"role": "assistant", "content": "You're welcome!"}],
            "rejected": [{"role": "assistant", "tool_calls": [
                {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "City %d" % i}}}]}],
            "tools": [WEATHER_TOOL]}


def router_line(i):
    content = json.dumps({"tool": "get_weather", "arguments": {"city": "City %d" % i}})
    return {"messages": [{"role": "system", "content": "Answer with {\"tool\": ..., \"arguments\": ...}."},
                         {"role": "user", "content": "Weather in City %d?" % i},
                         {"role": "assistant", "content": content}]}


def jsonl(lines):
    return ("\n".join(json.dumps(x) for x in lines) + "\n").encode("utf-8")


class Agent(Client):
    """One agent process on a data dir; `restart()` starts a new one on the same dir."""

    def __init__(self, data_dir=None, extra_args=()):
        self.tmp = tempfile.mkdtemp(prefix="tooltune-agent-test-")
        self.data_dir = data_dir or os.path.join(self.tmp, "data")
        self.extra_args = list(extra_args)
        self.base_model = os.path.join(self.tmp, "models", "tiny-base")
        os.makedirs(self.base_model)
        with open(os.path.join(self.base_model, "config.json"), "w") as f:
            json.dump({"model_type": "qwen2"}, f)
        with open(os.path.join(self.base_model, "model.safetensors"), "wb") as f:
            f.write(b"weights")
        self.hf_cache = os.path.join(self.tmp, "hf-cache")
        snap = os.path.join(self.hf_cache, "models--acme--tiny-chat", "snapshots", "abc123")
        os.makedirs(snap)
        with open(os.path.join(snap, "config.json"), "w") as f:
            json.dump({"model_type": "llama"}, f)
        self.proc = None
        self.start()

    def start(self):
        self.stderr = open(os.path.join(self.tmp, "agent-stderr.log"), "ab")
        args = ["--trainer-cmd", TRAINER, "--inference-cmd", INFERENCE, "--cancel-grace", "2",
                "--models-dir", os.path.dirname(self.base_model)] + self.extra_args
        self.proc, url = spawn_agent(TOKEN, self.data_dir, args, dict(os.environ, HF_HUB_CACHE=self.hf_cache),
                                     self.stderr)
        Client.__init__(self, url, TOKEN)

    def kill(self):
        """SIGKILL: the agent gets no chance to stop its children (a crash)."""
        self.proc.kill()
        self._reap()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self._reap()

    def _reap(self):
        self.proc.wait(timeout=20)
        self.proc.stdout.close()
        self.stderr.close()

    def close(self):
        if not self.proc.stdout.closed:
            self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def restart(self):
        self.kill()
        self.start()

    # --- HTTP: request, ok and upload come from Client
    def training_file(self, n=10, line=tool_line):
        status, out = self.upload(jsonl([line(i) for i in range(n)]))
        assert status == 200, out
        return out["id"]

    def create(self, **fields):
        body = {"model": self.base_model, "suffix": "test"}
        body.update(fields)
        return self.request("POST", "/v1/fine_tuning/jobs", body)

    def job(self, job_id):
        return self.ok("GET", "/v1/fine_tuning/jobs/%s" % job_id)

    def wait(self, job_id, statuses=("succeeded", "failed", "cancelled"), timeout=30.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            job = self.job(job_id)
            if job["status"] in statuses:
                return job
            time.sleep(0.05)
        raise AssertionError("job %s still %s after %ss" % (job_id, self.job(job_id)["status"], timeout))

    def all_events(self, job_id):
        """Every event, newest first, read page by page with `after` as the worker does."""
        events, after = [], None
        while True:
            page = self.ok("GET", "/v1/fine_tuning/jobs/%s/events?limit=5%s" % (job_id, "&after=" + after if after else ""))
            events += page["data"]
            if not page["has_more"]:
                return events
            after = page["data"][-1]["id"]

    def state(self, job_id):
        with open(os.path.join(self.data_dir, "jobs", job_id, "job.json")) as f:
            return json.load(f)["state"]


def pid_gone(pid, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False

"""The real trainer and inference worker, on a machine without the training stack: they must start,
and say plainly what is missing. (Where torch and transformers are installed, test_selftest.py runs
the real training and inference path instead.)"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

from helpers import AGENT_ROOT, Agent

HAS_STACK = all(importlib.util.find_spec(m) for m in ("torch", "transformers", "peft"))
CAN_LOAD = all(importlib.util.find_spec(m) for m in ("torch", "transformers"))  # a base model needs no peft


class ImportTest(unittest.TestCase):
    def test_every_module_imports_with_the_standard_library_alone(self):
        code = ("import sys; import tooltune_agent.__main__, tooltune_agent.train, tooltune_agent.infer_worker, "
                "tooltune_agent.train_data, tooltune_agent.preference, tooltune_agent.selftest; bad = [m for m in ('torch', 'transformers', 'peft') if m in sys.modules]; "
                "sys.exit(1 if bad else 0)")
        result = subprocess.run([sys.executable, "-c", code], cwd=AGENT_ROOT, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)


@unittest.skipIf(HAS_STACK, "the training stack is installed here")
class WithoutTrainingStackTest(unittest.TestCase):
    def reported(self, config):
        """Runs the real trainer on a job folder with this config; -> its one protocol line."""
        folder = tempfile.mkdtemp()
        with open(os.path.join(folder, "job.json"), "w") as f:
            json.dump({"job": {}, "config": config}, f)
        result = subprocess.run([sys.executable, "-m", "tooltune_agent.train", "--job-dir", folder], cwd=AGENT_ROOT,
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1, result.stderr)
        with open(os.path.join(folder, "progress.jsonl")) as f:
            (line,) = [json.loads(x) for x in f]
        self.assertEqual(line["code"], "trainer_unavailable")
        return line["message"]

    def test_the_trainer_reports_the_missing_stack(self):
        self.assertIn("Install unsloth, or torch, transformers, peft and accelerate", self.reported({"settings": {}}))

    def test_a_dpo_job_names_trl_among_what_to_install(self):
        self.assertIn("peft and accelerate, trl, in the agent's Python environment",
                      self.reported({"settings": {}, "method": "dpo"}))

    def test_a_job_on_the_real_trainer_fails_with_that_message(self):
        agent = real_agent()
        try:
            status, job = agent.create(training_file=agent.training_file())
            self.assertEqual(status, 200, job)
            job = agent.wait(job["id"])
            self.assertEqual((job["status"], job["error"]["code"]), ("failed", "trainer_unavailable"))
        finally:
            agent.close()

    @unittest.skipIf(CAN_LOAD, "torch and transformers are installed here")
    def test_chat_on_the_real_inference_worker_answers_500_naming_the_missing_module(self):
        agent = real_agent()
        try:
            status, out = agent.request("POST", "/v1/chat/completions", {
                "model": agent.base_model, "messages": [{"role": "user", "content": "hi"}]})
            self.assertEqual((status, out["error"]["code"]), (500, "model_load_failed"))
            self.assertIn("No module named", out["error"]["message"])
        finally:
            agent.close()


def real_agent():
    return Agent(extra_args=["--trainer-cmd", "%s -m tooltune_agent.train" % sys.executable,
                             "--inference-cmd", "%s -m tooltune_agent.infer_worker" % sys.executable])


if __name__ == "__main__":
    unittest.main()

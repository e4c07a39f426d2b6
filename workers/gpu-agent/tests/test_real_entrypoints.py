"""The real trainer and inference worker, on a machine without the training stack: they must start,
and say plainly what is missing. (With torch, transformers and peft installed these are skipped; the
real training path needs a GPU machine and is not exercised by this suite.)"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

from helpers import AGENT_ROOT, Agent

HAS_STACK = all(importlib.util.find_spec(m) for m in ("torch", "transformers", "peft"))


class ImportTest(unittest.TestCase):
    def test_every_module_imports_with_the_standard_library_alone(self):
        code = ("import sys; import tooltune_agent.__main__, tooltune_agent.train, tooltune_agent.infer_worker, "
                "tooltune_agent.train_data; bad = [m for m in ('torch', 'transformers', 'peft') if m in sys.modules]; "
                "sys.exit(1 if bad else 0)")
        result = subprocess.run([sys.executable, "-c", code], cwd=AGENT_ROOT, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)


@unittest.skipIf(HAS_STACK, "the training stack is installed here")
class WithoutTrainingStackTest(unittest.TestCase):
    def test_the_trainer_reports_the_missing_stack(self):
        folder = tempfile.mkdtemp()
        with open(os.path.join(folder, "job.json"), "w") as f:
            json.dump({"job": {}, "config": {"settings": {}}}, f)
        result = subprocess.run([sys.executable, "-m", "tooltune_agent.train", "--job-dir", folder], cwd=AGENT_ROOT,
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1, result.stderr)
        with open(os.path.join(folder, "progress.jsonl")) as f:
            (line,) = [json.loads(x) for x in f]
        self.assertEqual(line["code"], "trainer_unavailable")
        self.assertIn("Install unsloth, or torch, transformers, peft and accelerate", line["message"])

    def test_a_job_on_the_real_trainer_fails_with_that_message_and_chat_answers_500(self):
        agent = Agent(extra_args=["--trainer-cmd", "%s -m tooltune_agent.train" % sys.executable,
                                  "--inference-cmd", "%s -m tooltune_agent.infer_worker" % sys.executable])
        try:
            status, job = agent.create(training_file=agent.training_file())
            self.assertEqual(status, 200, job)
            job = agent.wait(job["id"])
            self.assertEqual((job["status"], job["error"]["code"]), ("failed", "trainer_unavailable"))
            status, out = agent.request("POST", "/v1/chat/completions", {
                "model": agent.base_model, "messages": [{"role": "user", "content": "hi"}]})
            self.assertEqual((status, out["error"]["code"]), (500, "model_load_failed"))
            self.assertIn("No module named", out["error"]["message"])
        finally:
            agent.close()


if __name__ == "__main__":
    unittest.main()

"""`python -m tooltune_agent.selftest`: its dataset is one the agent accepts, and without the training stack
it says what is missing instead of a traceback. Where torch and transformers are installed, the
self-test itself runs: the real trainer and inference worker on a tiny random model, on the CPU
(with the peft stand-in where peft is missing)."""
import importlib.util
import json
import os
import subprocess
import sys
import unittest

from helpers import AGENT_ROOT, Agent
from tooltune_agent import selftest
from tooltune_agent.preference import check_file, convert_preference_file
from tooltune_agent.prepare import convert_file

HAS_TORCH = all(importlib.util.find_spec(m) for m in ("torch", "transformers"))
HAS_PEFT = importlib.util.find_spec("peft") is not None
PEFT_STANDIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "standin_peft")


class DatasetTest(unittest.TestCase):
    def test_the_agent_accepts_the_self_test_files(self):
        agent = Agent()
        try:
            for n, name in ((60, "train.jsonl"), (15, "valid.jsonl")):
                status, out = agent.upload(selftest.jsonl(selftest.dataset(n, 0)), name)
                self.assertEqual(status, 200, out)
                self.assertEqual(out["filename"], name)
        finally:
            agent.close()

    def test_it_mixes_both_tools_and_plain_answers(self):
        examples = convert_file(selftest.jsonl(selftest.dataset(60, 0)))
        replies = [e["messages"][-1] for e in examples]
        names = [c["function"]["name"] for r in replies for c in r.get("tool_calls") or []]
        self.assertEqual((names.count("get_weather"), names.count("get_order_status")), (36, 12))
        self.assertEqual(sum(1 for r in replies if not r.get("tool_calls")), 12)

    def test_the_expected_trained_text_of_a_call_and_of_an_answer(self):
        lines = selftest.dataset(5, 0)
        self.assertEqual(selftest.expected_reply(lines[3]),
                         '<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": "%s"}}\n'
                         '</tool_call><|im_end|>\n' % json.loads(
                             lines[3]["messages"][-1]["tool_calls"][0]["function"]["arguments"])["order_id"])
        self.assertEqual(selftest.expected_reply(lines[4]),
                         "Hi! I can check the weather or an order for you.<|im_end|>\n")


class DpoStepTest(unittest.TestCase):
    def test_the_preference_pairs_are_a_file_the_agent_takes_for_dpo(self):
        pairs = selftest.preference_pairs(24, 2)
        summary = check_file(selftest.jsonl(pairs))
        self.assertEqual((summary["format"], summary["examples"]), ("preference", 24))
        samples = convert_preference_file(selftest.jsonl(pairs))
        missed = [s for s in samples if s["chosen"][0].get("tool_calls") and not s["rejected"][0].get("tool_calls")]
        false_calls = [s for s in samples if s["rejected"][0].get("tool_calls") and not s["chosen"][0].get("tool_calls")]
        self.assertEqual((len(missed), len(false_calls)), (20, 4), "missed calls and false calls, as the eval counts")
        self.assertTrue(all(s["tools"] == selftest.TOOLS for s in samples))

    def test_without_trl_the_dpo_step_says_why_it_is_skipped(self):
        missing = [m for m in ("trl", "datasets", "peft") if importlib.util.find_spec(m) is None]
        reason = selftest.dpo_unavailable()
        if missing:
            self.assertIn("not installed in this Python", reason)
            for m in missing:
                self.assertIn(m, reason)
        elif not HAS_PEFT:
            self.assertIn("test stand-in", reason)


@unittest.skipIf(HAS_TORCH, "torch and transformers are installed here")
class WithoutTorchTest(unittest.TestCase):
    def test_it_names_what_is_missing_and_exits_2(self):
        result = subprocess.run([sys.executable, "-m", "tooltune_agent.selftest", "--steps", "1"], cwd=AGENT_ROOT,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("The self-test needs torch and transformers", result.stdout)
        self.assertIn("No module named", result.stdout)
        self.assertNotIn("Traceback", result.stderr)


@unittest.skipUnless(HAS_TORCH, "needs torch and transformers")
class RealStackTest(unittest.TestCase):
    def test_the_self_test_trains_and_serves_on_the_cpu(self):
        env = dict(os.environ)
        if not HAS_PEFT:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [PEFT_STANDIN, env.get("PYTHONPATH")]))
        result = subprocess.run([sys.executable, "-m", "tooltune_agent.selftest", "--steps", "8", "--examples", "24",
                                 "--cpu"], cwd=AGENT_ROOT, env=env, capture_output=True, text=True, timeout=900)
        self.assertEqual(result.returncode, 0, result.stdout[-3000:] + result.stderr[-3000:])
        self.assertIn("PASS: this machine trains and serves.", result.stdout)
        self.assertNotIn("FAIL", result.stdout)
        if selftest.dpo_unavailable():
            self.assertIn("5. DPO: skipped (", result.stdout)
        else:
            self.assertIn("ok   the reward margin grew", result.stdout)


if __name__ == "__main__":
    unittest.main()

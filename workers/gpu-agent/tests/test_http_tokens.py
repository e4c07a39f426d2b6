"""POST /v1/tooltune/token_lengths: the max_seq_length check with the model's own tokenizer, through the
inference stand-in (a word, a space or another character is one token), and the real inference worker's
answer where transformers is missing."""
import importlib.util
import sys
import unittest

from helpers import Agent, router_line, tool_line
from standin_tokenizer import StandInTokenizer, chatml
from tooltune_agent.prepare import convert_line

PATH = "/v1/tooltune/token_lengths"


def tokens_of(record):
    """Tokens of the whole rendered conversation with the stand-in: what the agent must report for a line
    that gives one sample (an assistant turn at the end, nothing rewritten)."""
    ex = convert_line(record, 1)
    return len(StandInTokenizer()(chatml(ex["messages"], False, ex["tools"]))["input_ids"])


class TokenLengthsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def check(self, lines, **body):
        body.setdefault("model", "tiny-base")
        return self.agent.request("POST", PATH, dict(body, lines=lines))

    def test_lengths_come_from_the_models_tokenizer_and_name_what_does_not_fit(self):
        short = router_line(1)
        long = router_line(2)
        long["messages"][1]["content"] = "Weather please " * 60 + "in City 2?"
        lengths = [tokens_of(short), tokens_of(long)]
        limit = 128
        self.assertLess(lengths[0], limit)
        self.assertGreater(lengths[1], limit)
        status, out = self.check([short, long], max_seq_length=limit)
        self.assertEqual(status, 200, out)
        self.assertEqual(out["object"], "tooltune.token_lengths")
        self.assertEqual(out["lengths"], lengths)
        self.assertEqual((out["examples"], out["over"], out["longest"]), (2, 1, lengths[1]))
        # the reply comes after the long request, so cutting at 128 removes all of it: that line is left out
        self.assertEqual((out["truncated"], out["dropped"]), (0, 1))
        self.assertIn("1 was left out", out["warning"])
        self.assertEqual(out["fits_max_seq_length"], -(-lengths[1] // 64) * 64)
        self.assertIn("max_seq_length=128 is too short", out["warning"])
        self.assertIn("Set max_seq_length to %d or more" % lengths[1], out["warning"])

        status, out = self.check([short, long], max_seq_length=out["fits_max_seq_length"])
        self.assertEqual((status, out["over"], out["warning"]), (200, 0, None))

    def test_native_tool_lines_render_their_tools(self):
        line = tool_line(1)
        no_tools = dict(line)
        del no_tools["tools"]
        status, out = self.check([line, no_tools], max_seq_length=4096)
        self.assertEqual(status, 200, out)
        with_tools, without = out["lengths"]
        self.assertGreater(with_tools, without)  # the tool definitions count against the budget

    def test_bad_input_is_refused_with_the_line_named(self):
        status, out = self.check([router_line(1), {"messages": [{"role": "user", "content": "hi"}]}], max_seq_length=512)
        self.assertEqual(status, 400, out)
        self.assertIn("Line 2", out["error"]["message"])
        self.assertIn("assistant", out["error"]["message"])
        self.assertTrue(out["error"]["param"].startswith("lines[1]"))

        status, out = self.check([router_line(1)] * 501, max_seq_length=512)
        self.assertEqual((status, out["error"]["param"]), (400, "lines"))
        status, out = self.check([router_line(1)], max_seq_length=32)
        self.assertEqual((status, out["error"]["param"]), (400, "max_seq_length"))
        status, out = self.check([router_line(1)], max_seq_length=512, train_on="everything")
        self.assertEqual((status, out["error"]["param"]), (400, "train_on"))
        status, out = self.check([router_line(1)], max_seq_length=512, extra=1)
        self.assertEqual((status, out["error"]["param"]), (400, "extra"))
        status, out = self.check([router_line(1)], max_seq_length=512, chat_template="chatml")
        self.assertEqual(status, 400, out)
        self.assertIn("Unsloth template name", out["error"]["message"])

    def test_a_model_the_agent_does_not_have_is_named(self):
        status, out = self.check([router_line(1)], model="acme/not-here", max_seq_length=512)
        self.assertEqual(status, 400, out)
        self.assertIn("acme/not-here", out["error"]["message"])
        status, out = self.check([router_line(1)], model="/etc", max_seq_length=512)
        self.assertEqual(status, 400, out)

    def test_the_token_is_required(self):
        status, out = self.agent.request("POST", PATH, {"model": "tiny-base", "lines": [router_line(1)],
                                                        "max_seq_length": 512}, token="wrong")
        self.assertEqual(status, 401, out)


@unittest.skipIf(importlib.util.find_spec("transformers") is not None, "transformers is installed here")
class WithoutTransformersTest(unittest.TestCase):
    """The real inference worker, on a machine without transformers: a clear 501, and the agent still serves."""

    @classmethod
    def setUpClass(cls):
        cls.agent = Agent(extra_args=["--inference-cmd", "%s -m tooltune_agent.infer_worker" % sys.executable])

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_the_check_says_it_is_not_available_here(self):
        status, out = self.agent.request("POST", PATH, {"model": "tiny-base", "lines": [router_line(1)],
                                                        "max_seq_length": 512})
        self.assertEqual(status, 501, out)
        self.assertEqual(out["error"]["code"], "token_check_unavailable")
        self.assertIn("transformers is not installed", out["error"]["message"])
        status, _ = self.agent.request("GET", "/v1/models")
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()

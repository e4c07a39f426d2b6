"""toolcalls.py: generated text -> OpenAI content and tool_calls (pure)."""
import json
import unittest

from tooltune_agent.toolcalls import parse_output


def calls(out):
    return [(c["function"]["name"], json.loads(c["function"]["arguments"])) for c in out["tool_calls"]]


class ParseOutputTest(unittest.TestCase):
    def test_hermes_qwen_tool_calls_several_and_cut_off(self):
        text = ('<tool_call>\n{"name": "a", "arguments": {"x": 1}}\n</tool_call>\n'
                '<tool_call>\n{"name": "b", "arguments": {}}')
        out = parse_output(text, True)
        self.assertEqual(calls(out), [("a", {"x": 1}), ("b", {})])
        self.assertIsNone(out["content"])
        for call in out["tool_calls"]:
            self.assertEqual(call["type"], "function")
            self.assertTrue(call["id"].startswith("call_"))

    def test_text_around_a_call_is_content(self):
        out = parse_output('Let me check.\n<tool_call>{"name": "a", "arguments": "{\\"x\\": 2}"}</tool_call>', True)
        self.assertEqual((out["content"], calls(out)), ("Let me check.", [("a", {"x": 2})]))

    def test_llama_json_and_mistral_lists(self):
        self.assertEqual(calls(parse_output('{"name": "a", "parameters": {"q": "x"}}', True)), [("a", {"q": "x"})])
        self.assertEqual(calls(parse_output('<|python_tag|>{"name": "a", "parameters": {}}', True)), [("a", {})])
        self.assertEqual(calls(parse_output('[TOOL_CALLS][{"name": "a", "arguments": {}}, {"name": "b", '
                                            '"arguments": {}}]', True)), [("a", {}), ("b", {})])

    def test_router_style_json_stays_content(self):
        text = '{"tool": "get_weather", "arguments": {"city": "Oslo"}}'
        self.assertEqual(parse_output(text, True), {"content": text, "tool_calls": None})
        self.assertEqual(parse_output(text, False), {"content": text, "tool_calls": None})

    def test_without_tools_nothing_is_parsed_as_a_call(self):
        text = '<tool_call>{"name": "a", "arguments": {}}</tool_call>'
        self.assertEqual(parse_output(text, False)["content"], text)

    def test_broken_calls_are_left_as_content_not_guessed(self):
        text = '<tool_call>{"name": "a", "arguments": {oops}</tool_call>'
        self.assertEqual(parse_output(text, True), {"content": text, "tool_calls": None})

    def test_an_empty_think_block_is_dropped(self):
        self.assertEqual(parse_output("<think>\n\n</think>\n\nHello", False)["content"], "Hello")


if __name__ == "__main__":
    unittest.main()

"""prepare.py: OpenAI fine-tuning JSONL -> chat-template input (pure, no GPU)."""
import json
import unittest

from tooltune_agent.prepare import (LineError, convert_file, convert_line, convert_messages, convert_tools,
                                    parse_arguments, summarize, trained_turns)


def line(*messages, **extra):
    out = {"messages": list(messages)}
    out.update(extra)
    return out


USER = {"role": "user", "content": "Weather in Oslo?"}
CALL = {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                                             "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}}]}
RESULT = {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp\": 3}"}
ANSWER = {"role": "assistant", "content": "3 degrees."}


class ConvertTest(unittest.TestCase):
    def test_arguments_become_objects_and_tool_messages_get_their_name(self):
        ex = convert_line(line(USER, CALL, RESULT, ANSWER))
        call = ex["messages"][1]["tool_calls"][0]
        self.assertEqual(call, {"type": "function", "id": "call_1",
                                "function": {"name": "get_weather", "arguments": {"city": "Oslo"}}})
        self.assertEqual(ex["messages"][1]["content"], "", "templates get a string, not null")
        self.assertEqual(ex["messages"][2], {"role": "tool", "tool_call_id": "call_1", "name": "get_weather",
                                             "content": "{\"temp\": 3}"})

    def test_flat_tools_and_deprecated_functions_are_wrapped(self):
        flat = {"name": "get_weather", "description": "d", "parameters": {"type": "object"}}
        wrapped = {"type": "function", "function": flat}
        self.assertEqual(convert_tools([flat]), [wrapped])
        self.assertEqual(convert_tools([wrapped]), [wrapped])
        self.assertEqual(convert_tools(None, [flat]), [wrapped])
        self.assertIsNone(convert_tools(None))

    def test_router_style_content_is_kept_verbatim(self):
        content = json.dumps({"tool": "get_weather", "arguments": {"city": "Oslo"}})
        ex = convert_line(line(USER, {"role": "assistant", "content": content}))
        self.assertEqual(ex["messages"][1], {"role": "assistant", "content": content})
        self.assertIsNone(ex["tools"])

    def test_text_parts_are_joined_and_developer_is_a_system_message(self):
        msgs = convert_messages([{"role": "developer", "content": [{"type": "text", "text": "Be "},
                                                                    {"type": "text", "text": "brief."}]}, USER])
        self.assertEqual(msgs[0], {"role": "system", "content": "Be brief."})

    def test_the_deprecated_function_call_becomes_a_tool_call(self):
        ex = convert_line(line(USER, {"role": "assistant", "function_call": {"name": "f", "arguments": "{}"}},
                               {"role": "function", "name": "f", "content": "ok"}, ANSWER))
        self.assertEqual(ex["messages"][1]["tool_calls"][0]["function"], {"name": "f", "arguments": {}})
        self.assertEqual(ex["messages"][2], {"role": "tool", "name": "f", "content": "ok"})

    def test_reasoning_content_is_passed_to_the_template(self):
        ex = convert_line(line(USER, dict(ANSWER, reasoning_content="think")))
        self.assertEqual(ex["messages"][1]["reasoning_content"], "think")

    def test_arguments_given_as_objects_are_accepted(self):
        self.assertEqual(parse_arguments({"a": 1}), {"a": 1})
        self.assertEqual(parse_arguments(""), {})


class MaskingSettingsTest(unittest.TestCase):
    def test_every_assistant_turn_of_weight_one_is_trained_by_default(self):
        ex = convert_line(line(USER, CALL, RESULT, ANSWER))
        self.assertEqual(ex["train"], [1, 3])
        self.assertEqual(trained_turns(ex), [1, 3])

    def test_weight_zero_turns_are_not_trained(self):
        ex = convert_line(line(USER, dict(CALL, weight=0), RESULT, ANSWER))
        self.assertEqual(trained_turns(ex), [3])

    def test_last_assistant_and_all(self):
        ex = convert_line(line(USER, CALL, RESULT, ANSWER))
        self.assertEqual(trained_turns(ex, "last_assistant"), [3])
        self.assertIsNone(trained_turns(ex, "all"))
        muted = convert_line(line(USER, CALL, RESULT, dict(ANSWER, weight=0)))
        self.assertEqual(trained_turns(muted, "last_assistant"), [], "a muted last turn stays muted")


class LineErrorsTest(unittest.TestCase):
    def error(self, *lines):
        data = "\n".join(json.dumps(x) if not isinstance(x, str) else x for x in lines).encode()
        with self.assertRaises(LineError) as ctx:
            convert_file(data)
        return str(ctx.exception)

    def test_errors_name_the_line_and_the_field(self):
        ok = line(USER, ANSWER)
        self.assertEqual(self.error(ok, ok, line({"role": "bot", "content": "x"})),
                         "Line 3: Invalid value for 'messages[0].role': \"bot\". Supported values are: 'system', "
                         "'user', 'assistant', 'tool', and 'function'.")
        self.assertEqual(self.error(ok, "{nope"), "Line 2 is not valid JSON.")
        self.assertEqual(self.error("[1]"), "Line 1 is not a JSON dictionary; every line must be one.")
        self.assertEqual(self.error({"prompt": "x"}), "Line 1: Missing required parameter: 'messages'.")
        self.assertEqual(self.error(line(USER)), "Line 1 has no assistant message to train on.")

    def test_blank_lines_keep_the_numbering(self):
        self.assertTrue(self.error(line(USER, ANSWER), "", line(USER, RESULT, ANSWER)).startswith("Line 3:"))

    def test_bad_tool_data_is_named(self):
        bad_args = {"role": "assistant", "tool_calls": [{"id": "c", "type": "function",
                                                         "function": {"name": "f", "arguments": "[1]"}}]}
        self.assertIn("'messages[1].tool_calls[0].function.arguments' must be a string holding a JSON object",
                      self.error(line(USER, bad_args)))
        self.assertIn("'messages[1].tool_call_id' \"call_9\" does not answer an earlier tool call",
                      self.error(line(USER, dict(RESULT, tool_call_id="call_9"), ANSWER)))
        self.assertIn("'messages[0].weight' is only allowed on assistant messages",
                      self.error(line(dict(USER, weight=1), ANSWER)))
        self.assertIn("Invalid value for 'messages[1].weight': 2", self.error(line(USER, dict(ANSWER, weight=2))))
        self.assertIn("'messages[0].content[0]' is not a text part",
                      self.error(line({"role": "user", "content": [{"type": "image_url"}]}, ANSWER)))
        self.assertIn("'tools[0]' is not a function definition with a name",
                      self.error(line(USER, ANSWER, tools=[{"type": "function"}])))

    def test_an_empty_file_and_bad_utf8_are_refused(self):
        for data in (b"\n\n", b"\xff\xfe"):
            with self.assertRaises(LineError):
                convert_file(data)

    def test_summary_counts_examples_and_trained_turns(self):
        examples = convert_file(b"\n".join(json.dumps(line(USER, CALL, RESULT, ANSWER)).encode() for _ in range(3)))
        summary = summarize(examples)
        self.assertEqual((summary["examples"], summary["trained_turns"]), (3, 6))
        self.assertGreater(summary["tokens"], 0)


if __name__ == "__main__":
    unittest.main()

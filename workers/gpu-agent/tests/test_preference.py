"""preference.py: OpenAI's and TRL's preference lines -> TRL conversational samples -> the texts DPOTrainer
tokenizes; and TRL's DPO log names -> the metrics events' names (pure, no GPU)."""
import json
import unittest

from helpers import WEATHER_TOOL, jsonl, openai_pair, tool_line, trl_pair
from test_masking import StandInTokenizer
from tooltune_agent.prepare import LineError
from tooltune_agent.preference import (RenderError, check_file, convert_preference_file, convert_preference_line,
                                       render_pair)
from tooltune_agent.protocol import DPO_CSV_HEADER, from_trl_dpo_logs, metrics_message, results_csv

CALL = {"type": "function", "id": "call_0", "function": {"name": "get_weather", "arguments": {"city": "City 0"}}}


class ConvertTest(unittest.TestCase):
    def test_an_openai_line_becomes_a_trl_conversational_sample_with_tools(self):
        sample = convert_preference_line(openai_pair(0), 1)
        self.assertEqual(sample["prompt"], [{"role": "system", "content": "You route requests to tools."},
                                            {"role": "user", "content": "Weather in City 0?"}])
        self.assertEqual(sample["chosen"], [{"role": "assistant", "content": "", "tool_calls": [CALL]}],
                         "arguments become an object, as the SFT path gives templates")
        self.assertEqual(sample["rejected"], [{"role": "assistant", "content": "I cannot check the weather."}])
        self.assertEqual(sample["tools"], [WEATHER_TOOL])
        self.assertEqual(sample["line"], 1)

    def test_a_trl_line_keeps_its_shape_and_its_tools_even_as_a_json_string(self):
        sample = convert_preference_line(trl_pair(3), 2)
        self.assertEqual(sample["prompt"], [{"role": "user", "content": "Thanks, that is all 3"}])
        self.assertEqual(sample["chosen"], [{"role": "assistant", "content": "You're welcome!"}])
        self.assertEqual(sample["rejected"][0]["tool_calls"],
                         [{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "City 3"}}}])
        as_string = dict(trl_pair(3), tools=json.dumps([WEATHER_TOOL["function"]]))  # flat and stringified
        self.assertEqual(convert_preference_line(as_string, 2)["tools"], [WEATHER_TOOL])

    def test_a_prompt_with_a_tool_result_names_the_tool_message(self):
        line = tool_line(0)
        pair = {"input": {"messages": line["messages"][:4], "tools": line["tools"]},
                "preferred_output": [line["messages"][4]],
                "non_preferred_output": [{"role": "assistant", "content": "No idea."}]}
        sample = convert_preference_line(pair, 1)
        self.assertEqual(sample["prompt"][3], {"role": "tool", "tool_call_id": "call_0", "name": "get_weather",
                                               "content": "{\"temp\": 20}"})

    def error(self, *lines):
        data = "\n".join(json.dumps(x) for x in lines).encode()
        with self.assertRaises(LineError) as ctx:
            convert_preference_file(data)
        return str(ctx.exception)

    def test_bad_lines_are_named_by_number(self):
        good = openai_pair(0)
        self.assertEqual(self.error(good, good, dict(good, preferred_output={"role": "assistant", "content": "x"})),
                         "Line 3: preferred_output must be a list with one assistant message.")
        two = [{"role": "assistant", "content": "a"}, {"role": "assistant", "content": "b"}]
        self.assertEqual(self.error(dict(good, non_preferred_output=two)),
                         "Line 1: non_preferred_output must be a list with one assistant message.")
        self.assertEqual(self.error(good, dict(good, preferred_output=[{"role": "user", "content": "x"}])),
                         "Line 2: preferred_output must be a list with one assistant message.")
        self.assertEqual(self.error({"input": {"messages": []}, "preferred_output": [], "non_preferred_output": []}),
                         "Line 1: 'input.messages' must be a non-empty array of messages.")
        missing = dict(good)
        del missing["non_preferred_output"]
        self.assertEqual(self.error(missing), "Line 1: Missing required parameter: 'non_preferred_output'.")
        self.assertEqual(self.error(dict(good, non_preferred_output=good["preferred_output"])),
                         "Line 1: preferred_output and non_preferred_output are the same reply; a pair must differ.")
        ends = dict(good, input={"messages": good["input"]["messages"] + [{"role": "assistant", "content": "hm"}]})
        self.assertIn("Line 1: 'input.messages' ends with an assistant message", self.error(ends))
        bad_role = dict(good, input={"messages": [{"role": "bot", "content": "x"}]})
        self.assertIn("Line 1: Invalid value for 'input.messages[0].role': \"bot\"", self.error(bad_role))
        bad_args = dict(good, preferred_output=[{"role": "assistant", "tool_calls": [
            {"type": "function", "function": {"name": "f", "arguments": "[1]"}}]}])
        self.assertIn("'preferred_output[0].tool_calls[0].function.arguments' must be a string holding a JSON object",
                      self.error(bad_args))

    def test_trl_lines_are_checked_the_same_way(self):
        good = trl_pair(0)
        self.assertEqual(self.error(good, dict(good, prompt="Weather?")),
                         "Line 2: 'prompt' must be a list of messages (TRL's conversational format), not a string.")
        self.assertEqual(self.error(dict(good, chosen=[])), "Line 1: chosen must be a list with one assistant message.")
        missing = dict(good)
        del missing["rejected"]
        self.assertEqual(self.error(missing), "Line 1: Missing required parameter: 'rejected'.")
        self.assertEqual(self.error(dict(good, tools="[nope")), "Line 1: 'tools' is a string that is not JSON.")

    def test_a_file_holds_one_kind_and_its_format_is_recorded(self):
        self.assertEqual(check_file(jsonl([openai_pair(i) for i in range(3)]))["format"], "preference")
        self.assertEqual(check_file(jsonl([trl_pair(i) for i in range(3)]))["examples"], 3)
        self.assertEqual(check_file(jsonl([tool_line(i) for i in range(3)]))["format"], "supervised")
        with self.assertRaises(LineError) as ctx:
            check_file(jsonl([openai_pair(0), openai_pair(1), tool_line(2)]))
        self.assertEqual(str(ctx.exception), "Line 3 is a supervised example ('messages'), but line 1 is a preference "
                                             "pair; a file holds one kind.")
        with self.assertRaises(LineError) as ctx:
            convert_preference_file(jsonl([tool_line(0)]))
        self.assertTrue(str(ctx.exception).startswith("Line 1 is a supervised example ('messages')"))


class RenderTest(unittest.TestCase):
    def test_prompt_and_replies_are_rendered_with_the_template_and_its_tools(self):
        tok = StandInTokenizer()
        pair = render_pair(convert_preference_line(openai_pair(0), 1), tok, "<|im_end|>")
        self.assertTrue(pair["prompt"].startswith("<|im_start|>system\n<tools>%s</tools>" % json.dumps([WEATHER_TOOL])))
        self.assertTrue(pair["prompt"].endswith("<|im_start|>user\nWeather in City 0?<|im_end|>\n"
                                                "<|im_start|>assistant\n"))
        self.assertEqual(pair["chosen"], "<tool_call>%s</tool_call>" % json.dumps(CALL["function"]),
                         "the reply as the template writes it; TRL appends the end-of-turn token itself")
        self.assertEqual(pair["rejected"], "I cannot check the weather.")
        kept = render_pair(convert_preference_line(openai_pair(0), 1), tok, None)
        self.assertEqual(kept["rejected"], "I cannot check the weather.<|im_end|>\n", "no EOS given: nothing is cut")

    def test_a_template_that_cannot_render_the_pair_names_the_line(self):
        def broken(messages, add_generation_prompt, tools=None):
            raise ValueError("roles must alternate")

        with self.assertRaises(RenderError) as ctx:
            render_pair(convert_preference_line(trl_pair(0), 7), StandInTokenizer(template=broken))
        self.assertEqual((ctx.exception.line, str(ctx.exception)), (7, "ValueError: roles must alternate"))


class MetricsTest(unittest.TestCase):
    def test_trl_dpo_logs_map_to_the_event_names(self):
        train = from_trl_dpo_logs({"loss": 0.61, "grad_norm": 3.0, "learning_rate": 5e-6, "rewards/chosen": 0.2,
                                   "rewards/rejected": -0.1, "rewards/margins": 0.3, "rewards/accuracies": 0.75,
                                   "logps/chosen": -12.0, "epoch": 0.5})
        self.assertEqual(train, {"train_loss": 0.61, "learning_rate": 5e-6, "rewards/chosen": 0.2,
                                 "rewards/rejected": -0.1, "rewards/margins": 0.3, "rewards/accuracies": 0.75})
        valid = from_trl_dpo_logs({"eval_loss": 0.5, "eval_rewards/margins": 0.4, "eval_rewards/accuracies": 1.0,
                                   "eval_rewards/chosen": 0.3, "eval_rewards/rejected": -0.1, "eval_runtime": 2.0})
        self.assertEqual(valid, {"valid_loss": 0.5, "valid_rewards/margins": 0.4, "valid_rewards/accuracies": 1.0,
                                 "valid_rewards/chosen": 0.3, "valid_rewards/rejected": -0.1})
        self.assertIsNone(from_trl_dpo_logs({"train_runtime": 9.0, "train_loss": 0.6}), "the run's summary is no step")
        self.assertEqual(metrics_message(dict(train, step=3), 10),
                         "Step 3/10: training loss=0.61, reward margin=0.30, reward accuracy=0.75")

    def test_the_results_csv_of_a_dpo_job_has_the_reward_columns(self):
        rows = {1: dict(from_trl_dpo_logs({"loss": 0.69, "rewards/margins": 0.0}), step=1)}
        lines = results_csv(rows, dpo=True).splitlines()
        self.assertEqual(lines[0], DPO_CSV_HEADER)
        self.assertTrue(lines[0].endswith(",rewards/chosen,rewards/rejected,rewards/margins,rewards/accuracies,"
                                          "valid_rewards/chosen,valid_rewards/rejected,valid_rewards/margins,"
                                          "valid_rewards/accuracies"))
        cells = dict(zip(lines[0].split(","), lines[1].split(",")))
        self.assertEqual((cells["train_loss"], cells["rewards/margins"], cells["rewards/chosen"]), ("0.69", "0.0", ""))


if __name__ == "__main__":
    unittest.main()

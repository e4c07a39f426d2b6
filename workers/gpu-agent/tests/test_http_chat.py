"""POST /v1/chat/completions through the inference stand-in, and GET /v1/models."""
import json
import unittest

from helpers import Agent

TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]


class ChatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        status, job = cls.agent.create(training_file=cls.agent.training_file(10), suffix="chat",
                                       hyperparameters={"n_epochs": 2, "batch_size": 2}, gradient_accumulation_steps=1)
        assert status == 200, job
        cls.job = cls.agent.wait(job["id"])
        assert cls.job["status"] == "succeeded", cls.job

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def chat(self, **body):
        body.setdefault("model", self.job["fine_tuned_model"])
        body.setdefault("messages", [{"role": "user", "content": "Weather in Paris?"}])
        return self.agent.request("POST", "/v1/chat/completions", body)

    def test_native_tool_calls_come_back_in_openai_shape(self):
        status, out = self.chat(tools=TOOLS, temperature=0)
        self.assertEqual(status, 200, out)
        self.assertEqual((out["object"], out["model"]), ("chat.completion", self.job["fine_tuned_model"]))
        self.assertTrue(out["id"].startswith("chatcmpl-"))
        choice = out["choices"][0]
        self.assertEqual(choice["finish_reason"], "tool_calls")
        self.assertIsNone(choice["message"]["content"])
        (call,) = choice["message"]["tool_calls"]
        self.assertTrue(call["id"].startswith("call_"))
        self.assertEqual((call["type"], call["function"]["name"]), ("function", "get_weather"))
        self.assertEqual(json.loads(call["function"]["arguments"]), {"query": "Weather in Paris?"})
        usage = out["usage"]
        self.assertEqual(usage["total_tokens"], usage["prompt_tokens"] + usage["completion_tokens"])

    def test_router_style_replies_stay_content_and_use_the_adapter(self):
        status, out = self.chat()
        self.assertEqual(status, 200, out)
        message = out["choices"][0]["message"]
        self.assertNotIn("tool_calls", message)
        self.assertEqual(json.loads(message["content"]),
                         {"tool": "echo", "arguments": {"text": "Weather in Paris?", "model_dir": "adapter",
                                                        "method": "supervised", "base": "tiny-base"}})
        self.assertEqual(out["choices"][0]["finish_reason"], "stop")

    def test_a_checkpoint_model_answers_from_its_checkpoint(self):
        status, out = self.chat(model=self.job["fine_tuned_model"] + ":ckpt-step-5")
        self.assertEqual(status, 200, out)
        self.assertEqual(json.loads(out["choices"][0]["message"]["content"])["arguments"]["model_dir"], "checkpoint-5")

    def test_openai_style_history_with_tool_results_is_accepted(self):
        messages = [{"role": "user", "content": "Weather?"},
                    {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                                                          "function": {"name": "get_weather", "arguments": "{}"}}]},
                    {"role": "tool", "tool_call_id": "c1", "content": "20C"},
                    {"role": "user", "content": "And tomorrow?"}]
        status, out = self.chat(messages=messages, tools=TOOLS)
        self.assertEqual(status, 200, out)

    def test_an_unknown_model_is_a_404_like_openai(self):
        status, out = self.chat(model="ft:nope:tooltune::12345678")
        self.assertEqual(status, 404)
        self.assertEqual(out["error"], {"message": "The model `ft:nope:tooltune::12345678` does not exist or you do not "
                                                   "have access to it.", "type": "invalid_request_error",
                                        "param": None, "code": "model_not_found"})

    def test_bad_requests_are_refused(self):
        status, out = self.chat(frobnicate=True)
        self.assertEqual((status, out["error"]["message"]), (400, "Unrecognized request argument supplied: frobnicate"))
        status, out = self.chat(stream=True)
        self.assertEqual((status, out["error"]["param"]), (400, "stream"))
        status, out = self.chat(max_tokens=100000)
        self.assertEqual((status, out["error"]["code"]), (400, "integer_above_max_value"))
        status, out = self.chat(messages=[{"role": "robot", "content": "hi"}])
        self.assertEqual((status, out["error"]["param"]), (400, "messages[0].role"))

    def test_models_lists_trained_models_checkpoints_and_base_models(self):
        listed = self.agent.ok("GET", "/v1/models")
        self.assertEqual(listed["object"], "list")
        by_id = {m["id"]: m for m in listed["data"]}
        model = by_id[self.job["fine_tuned_model"]]
        self.assertEqual((model["object"], model["owned_by"], model["kind"], model["available"], model["job_id"]),
                         ("model", "tooltune", "fine-tuned", True, self.job["id"]))
        self.assertEqual(by_id[self.job["fine_tuned_model"] + ":ckpt-step-10"]["kind"], "checkpoint")
        self.assertEqual((by_id[self.agent.base_model]["kind"], by_id[self.agent.base_model]["available"]), ("base", True))
        self.assertFalse(by_id["acme/tiny-chat"]["available"], "a cached config without weights cannot be loaded")
        self.assertEqual(self.agent.ok("GET", "/v1/models/%s" % self.job["fine_tuned_model"]), model)


if __name__ == "__main__":
    unittest.main()

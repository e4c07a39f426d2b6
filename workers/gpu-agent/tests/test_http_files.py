"""POST /v1/files (multipart, as the openai SDK sends it), retrieve, list, content."""
import json
import unittest

from helpers import Agent, jsonl, router_line, tool_line


class FilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_a_valid_upload_returns_an_openai_file_object(self):
        content = jsonl([tool_line(i) for i in range(3)] + [router_line(i) for i in range(3)])
        status, f = self.agent.upload(content, "support.jsonl")
        self.assertEqual(status, 200, f)
        self.assertTrue(f["id"].startswith("file-"))
        self.assertEqual((f["object"], f["purpose"], f["filename"], f["bytes"], f["status"]),
                         ("file", "fine-tune", "support.jsonl", len(content), "processed"))
        self.assertEqual(self.agent.ok("GET", "/v1/files/%s" % f["id"]), f)
        self.assertIn(f["id"], [x["id"] for x in self.agent.ok("GET", "/v1/files")["data"]])

    def test_a_bad_line_is_rejected_with_its_line_number_and_field(self):
        lines = [tool_line(0), tool_line(1), {"messages": [{"role": "bot", "content": "hi"}]}]
        status, body = self.agent.upload(jsonl(lines))
        self.assertEqual(status, 400)
        self.assertEqual(body["error"]["message"], "Invalid file format. Line 3: Invalid value for 'messages[0].role': "
                         "\"bot\". Supported values are: 'system', 'user', 'assistant', 'tool', and 'function'.")
        self.assertEqual(body["error"]["param"], "file")

    def test_a_line_that_is_not_json_is_named(self):
        status, body = self.agent.upload(jsonl([tool_line(0)]) + b"{oops\n")
        self.assertEqual((status, body["error"]["message"]), (400, "Invalid file format. Line 2 is not valid JSON."))

    def test_arguments_that_are_not_a_json_object_are_named(self):
        line = tool_line(0)
        line["messages"][2]["tool_calls"][0]["function"]["arguments"] = "not json"
        status, body = self.agent.upload(jsonl([tool_line(1), line]))
        self.assertEqual(status, 400)
        self.assertIn("Line 2: 'messages[2].tool_calls[0].function.arguments' must be a string holding a JSON object",
                      body["error"]["message"])

    def test_a_line_without_an_assistant_message_is_refused(self):
        status, body = self.agent.upload(jsonl([{"messages": [{"role": "user", "content": "hi"}]}]))
        self.assertEqual((status, body["error"]["message"]),
                         (400, "Invalid file format. Line 1 has no assistant message to train on."))

    def test_only_jsonl_fine_tune_uploads_are_accepted(self):
        status, body = self.agent.upload(jsonl([tool_line(0)]), "train.json")
        self.assertEqual((status, body["error"]["message"]), (400, "Invalid file format for Fine-Tuning API. Must be .jsonl"))
        status, body = self.agent.upload(jsonl([tool_line(0)]), purpose="batch")
        self.assertEqual((status, body["error"]["param"], body["error"]["code"]), (400, "purpose", "invalid_value"))

    def test_training_data_cannot_be_downloaded_again(self):
        file_id = self.agent.training_file(2)
        status, body = self.agent.request("GET", "/v1/files/%s/content" % file_id)
        self.assertEqual((status, body["error"]["message"]), (400, "Not allowed to download files of purpose: fine-tune"))

    def test_an_unknown_file_is_a_404(self):
        status, body = self.agent.request("GET", "/v1/files/file-nope")
        self.assertEqual((status, body["error"]["message"]), (404, "No such File object: file-nope"))

    def test_a_file_can_be_deleted(self):
        file_id = self.agent.training_file(2)
        self.assertEqual(self.agent.ok("DELETE", "/v1/files/%s" % file_id),
                         {"id": file_id, "object": "file", "deleted": True})
        self.assertEqual(self.agent.request("GET", "/v1/files/%s" % file_id)[0], 404)

    def test_a_body_that_is_not_json_is_refused_like_openai(self):
        status, body = self.agent.request("POST", "/v1/fine_tuning/jobs", data=b"{not json",
                                          headers={"Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertIn("We could not parse the JSON body of your request.", body["error"]["message"])
        json.dumps(body)


if __name__ == "__main__":
    unittest.main()

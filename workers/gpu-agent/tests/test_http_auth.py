"""Every request needs the bearer token; a 401 reveals nothing."""
import unittest

from helpers import Agent


class AuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        cls.file_id = cls.agent.training_file()

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_missing_and_wrong_tokens_get_the_same_401_that_names_nothing(self):
        answers = [self.agent.request("GET", path, token=token)
                   for token in (None, "wrong-token-" + "x" * 30)
                   for path in ("/v1/files", "/v1/files/%s" % self.file_id, "/v1/no/such/path", "/v1/models")]
        for status, body in answers:
            self.assertEqual(status, 401)
            self.assertEqual(body, answers[0][1], "every 401 body is the same")
        error = answers[0][1]["error"]
        self.assertEqual(set(error), {"message", "type", "param", "code"})
        self.assertEqual(error["code"], "invalid_api_key")
        self.assertNotIn(self.file_id, error["message"])

    def test_a_token_in_another_scheme_is_refused(self):
        status, _ = self.agent.request("GET", "/v1/files", token=None, headers={"Authorization": "Basic abc"})
        self.assertEqual(status, 401)

    def test_an_unauthenticated_upload_is_refused_before_it_is_stored(self):
        status, _ = self.agent.request("POST", "/v1/files", token=None, data=b"x" * 1000,
                                       headers={"Content-Type": "multipart/form-data; boundary=b"})
        self.assertEqual(status, 401)
        listed = self.agent.ok("GET", "/v1/files")
        self.assertEqual([f["id"] for f in listed["data"]], [self.file_id])

    def test_health_needs_no_token_and_says_only_ok(self):
        self.assertEqual(self.agent.request("GET", "/health", token=None), (200, {"ok": True}))

    def test_an_unknown_path_with_the_token_is_a_404_in_openai_shape(self):
        status, body = self.agent.request("GET", "/v1/nothing/here")
        self.assertEqual(status, 404)
        self.assertEqual(body["error"]["message"], "Invalid URL (GET /v1/nothing/here)")


if __name__ == "__main__":
    unittest.main()

"""Hostile clients: bad lengths, slow senders, too many connections, and model paths outside the allowed folders.
Each is answered (or cut off) in bounded time and memory, before the token is even checked where it can be."""
import json
import os
import socket
import tempfile
import time
import unittest
from urllib.parse import urlsplit

from helpers import TOKEN, Agent


def raw(agent, data, wait=5.0):
    """Sends raw bytes on a fresh connection; returns everything the agent answers before it closes (or wait ends)."""
    u = urlsplit(agent.url)
    with socket.create_connection((u.hostname, u.port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while True:
                part = s.recv(65536)
                if not part:
                    break
                out += part
                if b"\r\n\r\n" in out and _complete(out):
                    break
        except socket.timeout:
            pass
        return out


def _complete(resp):
    head, _, body = resp.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def status_of(resp):
    return int(resp.split(b" ", 2)[1]) if resp.startswith(b"HTTP/") else None


def body_of(resp):
    return json.loads(resp.partition(b"\r\n\r\n")[2] or b"null")


class BadLengthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_a_negative_content_length_is_a_400_before_anything_is_read(self):
        for auth in (b"", b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"):
            start = time.monotonic()
            resp = raw(self.agent, b"POST /v1/files HTTP/1.1\r\nHost: a\r\n" + auth + b"Content-Length: -1\r\n\r\n")
            self.assertEqual(status_of(resp), 400, resp[:200])
            self.assertIn("Content-Length", body_of(resp)["error"]["message"])
            self.assertLess(time.monotonic() - start, 3, "answered at once, not after the client hangs up")

    def test_a_malformed_content_length_is_a_400_without_a_traceback(self):
        auth = b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
        for value in (b"abc", b"1e3", b"99999999999999999999"):
            resp = raw(self.agent, b"POST /v1/fine_tuning/jobs HTTP/1.1\r\nHost: a\r\n" + auth + b"Content-Length: " + value + b"\r\n\r\n")
            self.assertEqual(status_of(resp), 400, resp[:200])
            self.assertNotIn(b"Traceback", resp)
            self.assertNotIn(b"ValueError", resp)

    def test_a_large_body_without_a_token_is_refused_without_reading_it(self):
        start = time.monotonic()
        resp = raw(self.agent, b"POST /v1/files HTTP/1.1\r\nHost: a\r\nContent-Length: 62914560\r\n\r\n" + b"x" * 65536)
        self.assertEqual(status_of(resp), 401)
        self.assertLess(time.monotonic() - start, 3)


class SlowClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent(extra_args=["--request-timeout", "1"])

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_a_client_trickling_its_headers_is_cut_off(self):
        u = urlsplit(self.agent.url)
        start = time.monotonic()
        with socket.create_connection((u.hostname, u.port), timeout=10) as s:
            closed = False
            for ch in b"GET /v1/files HTTP/1.1\r\nHost: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n":
                try:
                    s.sendall(bytes([ch]))
                    time.sleep(0.2)
                    s.setblocking(False)
                    try:
                        if s.recv(1) == b"":
                            closed = True
                            break
                    except BlockingIOError:
                        pass
                    finally:
                        s.setblocking(True)
                except OSError:
                    closed = True
                    break
            self.assertTrue(closed, "the agent kept a slow-loris connection open")
        self.assertLess(time.monotonic() - start, 4)

    def test_a_body_sent_one_byte_at_a_time_gets_a_408(self):
        u = urlsplit(self.agent.url)
        head = ("POST /v1/fine_tuning/jobs HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer %s\r\nContent-Length: 100\r\n\r\n" % TOKEN).encode()
        start = time.monotonic()
        with socket.create_connection((u.hostname, u.port), timeout=10) as s:
            s.sendall(head)
            answer = b""
            for _ in range(60):
                try:
                    s.sendall(b"{")
                except OSError:
                    break
                s.settimeout(0.25)
                try:
                    answer += s.recv(65536)
                    if answer:
                        break
                except socket.timeout:
                    pass
        self.assertEqual(status_of(answer), 408, answer[:200])
        self.assertLess(time.monotonic() - start, 5)

class ConnectionCapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent(extra_args=["--request-timeout", "5", "--max-connections", "3"])

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def test_connections_beyond_the_cap_get_a_503_at_once(self):
        u = urlsplit(self.agent.url)
        idle = [socket.create_connection((u.hostname, u.port)) for _ in range(3)]
        try:
            time.sleep(0.5)
            resp = raw(self.agent, b"GET /health HTTP/1.1\r\nHost: a\r\n\r\n", wait=2)
            self.assertEqual(status_of(resp), 503, resp[:200])
        finally:
            for s in idle:
                s.close()
        # The idle ones are cut off after --request-timeout, and the slots come back.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if status_of(raw(self.agent, b"GET /health HTTP/1.1\r\nHost: a\r\n\r\n", wait=2)) == 200:
                break
            time.sleep(0.2)
        self.assertEqual(self.agent.request("GET", "/health", token=None), (200, {"ok": True}))


class ModelPathTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent()
        cls.file_id = cls.agent.training_file()
        cls.outside = tempfile.mkdtemp(prefix="tooltune-outside-")
        with open(os.path.join(cls.outside, "config.json"), "w") as f:
            json.dump({"model_type": "qwen2"}, f)
        os.symlink(cls.outside, os.path.join(os.path.dirname(cls.agent.base_model), "sneaky-link"))

    @classmethod
    def tearDownClass(cls):
        cls.agent.close()

    def error_of(self, model):
        status, body = self.agent.request("POST", "/v1/fine_tuning/jobs", {"model": model, "training_file": self.file_id})
        self.assertEqual(status, 400, body)
        return body["error"]

    def test_a_path_outside_the_model_folders_is_refused_whether_or_not_it_exists(self):
        existing, missing = self.error_of(self.outside), self.error_of("/no/such/folder/anywhere")
        for e in (existing, missing):
            self.assertEqual(e["code"], "model_not_available")
            self.assertIn("must lie inside --models-dir or the Hugging Face cache", e["message"])
        self.assertEqual(existing["message"].replace(self.outside, "X"), missing["message"].replace("/no/such/folder/anywhere", "X"),
                         "the answer does not reveal which path exists")

    def test_links_and_dot_dot_cannot_leave_the_model_folders(self):
        models_dir = os.path.dirname(self.agent.base_model)
        for model in (os.path.join(models_dir, "sneaky-link"), os.path.join(models_dir, "..", "..", os.path.basename(self.outside)),
                      "sneaky-link", "tiny-base/../sneaky-link"):
            self.assertEqual(self.error_of(model)["code"], "model_not_available", model)

    def test_a_missing_folder_inside_the_model_folders_is_still_named(self):
        missing = os.path.join(os.path.dirname(self.agent.base_model), "not-there")
        self.assertIn("%s does not exist on the GPU machine" % missing, self.error_of(missing)["message"])

    def test_the_flag_allows_other_paths(self):
        agent = Agent(extra_args=["--allow-any-model-path"])
        try:
            status, job = agent.request("POST", "/v1/fine_tuning/jobs", {"model": self.outside, "training_file": agent.training_file()})
            self.assertEqual(status, 200, job)
            agent.wait(job["id"])
        finally:
            agent.close()


if __name__ == "__main__":
    unittest.main()

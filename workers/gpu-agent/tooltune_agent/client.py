"""Starting an agent on loopback and talking to its HTTP API (standard library only): used by the
self-test and the tests."""
import json
import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spawn_agent(token, data_dir, args=(), env=None, log=None):
    """Starts `python -m tooltune_agent` on a free loopback port; -> (process, base URL). `log` takes its
    stderr. Raises RuntimeError (naming the log) when it does not print LISTENING."""
    env = dict(os.environ if env is None else env)
    env.pop("TOOLTUNE_AGENT_TOKEN", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_PARENT, env.get("PYTHONPATH")]))
    proc = subprocess.Popen([sys.executable, "-m", "tooltune_agent", "--host", "127.0.0.1", "--port", "0", "--token",
                             token, "--data-dir", data_dir] + list(args), env=env, stdout=subprocess.PIPE, stderr=log)
    line = proc.stdout.readline().decode()
    if not line.startswith("LISTENING "):
        proc.kill()
        proc.wait()
        raise RuntimeError("the agent did not start: %r (see %s)" % (line, getattr(log, "name", "its stderr")))
    return proc, "http://127.0.0.1:%d" % int(line.split()[1])


class Client:
    def __init__(self, url, token):
        self.url, self.token = url, token

    def request(self, method, path, body=None, token=..., headers=None, data=None):
        """-> (status, parsed JSON or raw bytes). `token=None` sends no Authorization header."""
        headers = dict(headers or {})
        token = self.token if token is ... else token
        if token is not None:
            headers["Authorization"] = "Bearer %s" % token
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                status, raw, ctype = res.status, res.read(), res.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, raw, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
        return status, (json.loads(raw) if "json" in ctype else raw)

    def ok(self, method, path, body=None):
        status, out = self.request(method, path, body)
        if status != 200:
            raise AssertionError("%s %s -> %s %s" % (method, path, status, out))
        return out

    def upload(self, content, filename="train.jsonl", purpose="fine-tune"):
        """POST /v1/files as multipart; -> (status, body)."""
        boundary = "----tooltune%s" % secrets.token_hex(8)
        parts = [b"--" + boundary.encode(), b'Content-Disposition: form-data; name="purpose"', b"", purpose.encode(),
                 b"--" + boundary.encode(),
                 ('Content-Disposition: form-data; name="file"; filename="%s"' % filename).encode(),
                 b"Content-Type: application/octet-stream", b"", content, b"--" + boundary.encode() + b"--", b""]
        return self.request("POST", "/v1/files", data=b"\r\n".join(parts),
                            headers={"Content-Type": "multipart/form-data; boundary=%s" % boundary})

    def add_file(self, content, filename="train.jsonl"):
        """Uploads a fine-tune file; -> the file object."""
        status, out = self.upload(content, filename)
        if status != 200:
            raise AssertionError("upload of %s -> %s %s" % (filename, status, out))
        return out

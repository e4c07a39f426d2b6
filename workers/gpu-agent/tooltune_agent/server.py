"""The HTTP side (http.server, standard library only): bearer auth, routing, JSON in and out.

Every request needs `Authorization: Bearer <token>`, except GET /health, which answers {"ok": true} and
nothing else. A missing and a wrong token get the same 401, which names nothing on the agent."""
import hmac
import json
import re
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import files, inference, models
from .errors import INVALID_JSON, UNAUTHORIZED, ApiError, bad_request

J = "/v1/fine_tuning/jobs"
ROUTES = [
    ("POST", "/v1/files", lambda a, c: files.upload(a.store, c["content_type"], c["body"])),
    ("GET", "/v1/files", lambda a, c: files.listing(a.store, c["query"])),
    ("GET", "/v1/files/([^/]+)", lambda a, c: files.get(a.store, c["id"])["object"]),
    ("GET", "/v1/files/([^/]+)/content", lambda a, c: files.content(a.store, c["id"])),
    ("DELETE", "/v1/files/([^/]+)", lambda a, c: files.delete(a.store, a.jobs, c["id"])),
    ("POST", J, lambda a, c: a.jobs.create(c["json"]())),
    ("GET", J, lambda a, c: a.jobs.list(c["query"])),
    ("GET", J + "/([^/]+)", lambda a, c: a.jobs.view(c["id"])),
    ("POST", J + "/([^/]+)/cancel", lambda a, c: a.scheduler.cancel(c["id"])),
    ("GET", J + "/([^/]+)/events", lambda a, c: a.jobs.events(c["id"], c["query"])),
    ("GET", J + "/([^/]+)/checkpoints", lambda a, c: a.jobs.checkpoints(c["id"], c["query"])),
    ("GET", "/v1/models", lambda a, c: models.listing(a.all_models())),
    ("GET", "/v1/models/(.+)", lambda a, c: a.one_model(c["id"])),
    ("POST", "/v1/chat/completions",
     lambda a, c: inference.complete(c["json"](), a.jobs, a.backend, a.max_tokens_limit)),
]
ROUTES = [(m, re.compile("^%s$" % p), f) for m, p, f in ROUTES]


class App:
    """What the handler needs: state, the scheduler, the inference backend and the settings."""

    def __init__(self, store, jobs, scheduler, backend, token, models_dirs=(), max_upload_bytes=512 << 20,
                 max_tokens_limit=4096, verbose=False):
        self.store, self.jobs, self.scheduler, self.backend = store, jobs, scheduler, backend
        self.token = token.encode("utf-8")
        self.models_dirs = list(models_dirs)
        self.max_upload_bytes, self.max_tokens_limit, self.verbose = max_upload_bytes, max_tokens_limit, verbose

    def all_models(self):
        return self.jobs.model_entries() + models.base_models(self.models_dirs)

    def one_model(self, model_id):
        for entry, _path in self.all_models():
            if entry["id"] == model_id:
                return entry
        raise ApiError(404, "The model `%s` does not exist or you do not have access to it." % model_id, "model",
                       "model_not_found")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ToolTuneAgent"
    sys_version = ""

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_DELETE(self):
        self._handle("DELETE")

    def _handle(self, method):
        app = self.server.app
        try:
            url = urlsplit(self.path)
            if method == "GET" and url.path == "/health":
                return self._send(200, {"ok": True})
            if not self._authorized(app):
                self._discard_body()
                raise UNAUTHORIZED
            body = self._read_body(app.max_upload_bytes)
            for route_method, pattern, run in ROUTES:
                match = pattern.match(url.path)
                if match and route_method == method:
                    ctx = {"id": unquote(match.group(1)) if match.groups() else "", "body": body,
                           "query": dict(parse_qsl(url.query, keep_blank_values=True)),
                           "content_type": self.headers.get("Content-Type"), "json": lambda: _parse_json(body)}
                    result = run(app, ctx)
                    return self._send(200, result)
            raise ApiError(404, "Invalid URL (%s %s)" % (method, url.path))
        except ApiError as e:
            self._send(e.status, e.body())
        except Exception as e:  # answered, and logged with its traceback: never a silent 500
            traceback.print_exc(file=sys.stderr)
            self._send(500, ApiError(500, "Internal error in the ToolTune agent: %r" % (e,), None, None,
                                     "server_error").body())

    def _authorized(self, app):
        header = self.headers.get("Authorization", "")
        given = header[7:].strip() if header[:7].lower() == "bearer " else ""
        return bool(given) and hmac.compare_digest(given.encode("utf-8"), app.token)

    def _discard_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length <= (1 << 20) and "chunked" not in self.headers.get("Transfer-Encoding", "").lower():
            self.rfile.read(length)
        else:
            self.close_connection = True

    def _read_body(self, limit):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks, total = [], 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > limit:
                    self.close_connection = True
                    raise ApiError(413, "The request body is larger than the agent accepts (%d bytes)." % limit)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            self.close_connection = True
            raise ApiError(413, "The request body is larger than the agent accepts (%d bytes)." % limit)
        return self.rfile.read(length) if length else b""

    def _send(self, status, result):
        raw = isinstance(result, bytes)
        data = result if raw else json.dumps(result).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if raw else "application/json")
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        if self.server.app.verbose:
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


def _parse_json(body):
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        raise bad_request(INVALID_JSON)


def make_server(host, port, app):
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.app = app
    return server

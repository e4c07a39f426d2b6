"""The HTTP side (http.server, standard library only): bearer auth, routing, JSON in and out.

Every request needs `Authorization: Bearer <token>`, except GET /health, which answers {"ok": true} and
nothing else. A missing and a wrong token get the same 401, which names nothing on the agent."""
import hmac
import json
import re
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import files, inference, models, tokens
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
    ("POST", "/v1/tooltune/token_lengths",
     lambda a, c: tokens.token_lengths(c["json"](), a.backend, a.models_dirs, a.jobs.allow_download,
                                       a.jobs.allow_any_path)),
]
ROUTES = [(m, re.compile("^%s$" % p), f) for m, p, f in ROUTES]


class App:
    """What the handler needs: state, the scheduler, the inference backend and the settings."""

    def __init__(self, store, jobs, scheduler, backend, token, models_dirs=(), max_upload_bytes=512 << 20,
                 max_tokens_limit=4096, verbose=False, request_timeout=30.0):
        self.store, self.jobs, self.scheduler, self.backend = store, jobs, scheduler, backend
        self.request_timeout = request_timeout
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


# A body must keep arriving at this rate or better (after the first request_timeout seconds): a
# client sending one byte a second cannot hold a thread and a connection for hours.
MIN_BODY_BYTES_PER_S = 16 << 10
READ_CHUNK = 1 << 16


class ClientStalled(Exception):
    """The client stopped sending (or sent too slowly, or hung up) in the middle of a request body."""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ToolTuneAgent"
    sys_version = ""

    def setup(self):
        # Every read and write waits at most request_timeout seconds for the peer (idle timeout).
        self.timeout = self.server.app.request_timeout
        super().setup()

    def handle_one_request(self):
        # The request line and headers must arrive within request_timeout in all (a slow-loris client
        # trickling header bytes resets a per-read timeout forever); a keep-alive connection left idle
        # is closed after the same time.
        self._header_timer = threading.Timer(self.server.app.request_timeout, self._abort)
        self._header_timer.daemon = True
        self._header_timer.start()
        try:
            super().handle_one_request()
        finally:
            self._header_timer.cancel()

    def parse_request(self):
        ok = super().parse_request()
        self._header_timer.cancel()
        return ok

    def _abort(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

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
        except ClientStalled as e:  # the client stalled or went away mid-body: answer if it still listens
            self.close_connection = True
            self._try_send(408, ApiError(408, "The request body %s." % e, None, None, "timeout").body())
        except Exception:  # logged with its traceback; the answer names no internals
            traceback.print_exc(file=sys.stderr)
            self._send(500, ApiError(500, "Internal error in the ToolTune agent; its log has the details.", None, None,
                                     "server_error").body())

    def _authorized(self, app):
        header = self.headers.get("Authorization", "")
        given = header[7:].strip() if header[:7].lower() == "bearer " else ""
        return bool(given) and hmac.compare_digest(given.encode("utf-8"), app.token)

    def _content_length(self):
        """The declared body length; a missing one is 0. Anything but a non-negative integer is refused before
        a byte is read (Content-Length: -1 would otherwise mean "read until the connection closes")."""
        raw = self.headers.get("Content-Length")
        if raw is None:
            return 0
        if not re.fullmatch(r"[0-9]{1,15}", raw.strip()):
            self.close_connection = True
            raise ApiError(400, "The Content-Length header must be a non-negative whole number.", None, None,
                           "invalid_request")
        return int(raw)

    def _chunked(self):
        return "chunked" in self.headers.get("Transfer-Encoding", "").lower()

    def _discard_body(self):
        length = 0 if self._chunked() else self._content_length()
        if not self._chunked() and length <= (1 << 20):
            self._read_exactly(length)
        else:
            self.close_connection = True

    def _read_exactly(self, length):
        """Reads length bytes in chunks, at MIN_BODY_BYTES_PER_S or better after the first request_timeout."""
        deadline = time.monotonic() + self.server.app.request_timeout + length / MIN_BODY_BYTES_PER_S
        parts, left = [], length
        while left > 0:
            if time.monotonic() > deadline:
                raise ClientStalled("arrived too slowly")
            part = self._read(lambda: self.rfile.read1(min(left, READ_CHUNK)))
            if not part:
                raise ClientStalled("ended before its Content-Length")
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def _read(self, read):
        try:
            return read()
        except (TimeoutError, ConnectionError):
            raise ClientStalled("stopped arriving")

    def _read_body(self, limit):
        if self._chunked():
            chunks, total = [], 0
            while True:
                line = self._read(lambda: self.rfile.readline(1024)).split(b";")[0].strip() or b"0"
                if not re.fullmatch(rb"[0-9A-Fa-f]{1,15}", line):
                    self.close_connection = True
                    raise ApiError(400, "The chunked request body is malformed.", None, None, "invalid_request")
                size = int(line, 16)
                if size == 0:
                    while self._read(lambda: self.rfile.readline(1024)) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > limit:
                    self.close_connection = True
                    raise ApiError(413, "The request body is larger than the agent accepts (%d bytes)." % limit)
                chunks.append(self._read_exactly(size))
                self._read(lambda: self.rfile.readline(1024))
        length = self._content_length()
        if length > limit:
            self.close_connection = True
            raise ApiError(413, "The request body is larger than the agent accepts (%d bytes)." % limit)
        return self._read_exactly(length) if length else b""

    def _try_send(self, status, result):
        try:
            self._send(status, result)
        except OSError:
            pass

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


class BoundedServer(ThreadingHTTPServer):
    """At most max_connections served at once; one more gets a 503 at once instead of a thread."""
    daemon_threads = True

    def __init__(self, address, handler, max_connections):
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                b"Content-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def make_server(host, port, app, max_connections=64):
    server = BoundedServer((host, port), Handler, max_connections)
    server.app = app
    return server

"""Ids, clocks, atomic writes and number formatting shared by the agent's modules (stdlib only)."""
import json
import os
import secrets
import tempfile
import time

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def new_id(prefix, length=24):
    """A random id like OpenAI's: `prefix` + `length` base-62 characters."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


def now():
    return int(time.time())


def atomic_write_bytes(path, data):
    """Writes `data` to `path` so that a reader (or a crash) sees the old file or the new one, never half."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_json(path, value):
    atomic_write_bytes(path, (json.dumps(value, indent=1, sort_keys=False) + "\n").encode("utf-8"))


def read_json(path, default=None):
    try:
        with open(path, "rb") as f:
            return json.loads(f.read().decode("utf-8"))
    except FileNotFoundError:
        return default


def py_float(x):
    """5 decimals, written like Python's str(float) as OpenAI's results file does: 1 -> "1.0"."""
    return repr(round(float(x), 5))


def kind_of(value):
    """OpenAI's wording for a JSON value's type in error messages ("an integer", "a string", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"

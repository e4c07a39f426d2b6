"""Request parameter checks worded like the OpenAI API's own 400s, e.g.
"Invalid 'suffix': string too long. Expected a string with maximum length 64, but got a string with
length 65 instead." (code string_above_max_length). Each check returns the value or raises ApiError."""
from .errors import bad_request
from .util import kind_of

_ARTICLE = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
            "object": "an object", "array": "an array", "null": "null"}


def type_error(param, value, *expected):
    wanted = " or ".join(_ARTICLE[e] for e in expected)
    return bad_request("Invalid type for '%s': expected %s, but got %s instead." % (param, wanted, kind_of(value)),
                       param, "invalid_type")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def string(param, value, min_len=None, max_len=None, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise type_error(param, value, "string", *(["null"] if nullable else []))
    if max_len is not None and len(value) > max_len:
        raise bad_request("Invalid '%s': string too long. Expected a string with maximum length %d, but got a string "
                          "with length %d instead." % (param, max_len, len(value)), param, "string_above_max_length")
    if min_len is not None and len(value) < min_len:
        raise bad_request("Invalid '%s': string too short. Expected a string with minimum length %d, but got a string "
                          "with length %d instead." % (param, min_len, len(value)), param, "string_below_min_length")
    return value


def _bounds(param, value, kind, minimum, maximum, exclusive_min):
    if minimum is not None and (value <= minimum if exclusive_min else value < minimum):
        raise bad_request("Invalid '%s': %s below minimum value. Expected a value %s %s, but got %s instead."
                          % (param, kind, ">" if exclusive_min else ">=", minimum, value), param,
                          "%s_below_min_value" % kind)
    if maximum is not None and value > maximum:
        raise bad_request("Invalid '%s': %s above maximum value. Expected a value <= %s, but got %s instead."
                          % (param, kind, maximum, value), param, "%s_above_max_value" % kind)
    return value


def integer(param, value, minimum=None, maximum=None, nullable=False):
    if value is None and nullable:
        return None
    if not is_int(value):
        raise type_error(param, value, "integer", *(["null"] if nullable else []))
    return _bounds(param, value, "integer", minimum, maximum, False)


def number(param, value, minimum=None, maximum=None, exclusive_min=False, nullable=False):
    if value is None and nullable:
        return None
    if not is_number(value):
        raise type_error(param, value, "number", *(["null"] if nullable else []))
    return _bounds(param, value, "decimal", minimum, maximum, exclusive_min)


def boolean(param, value):
    if not isinstance(value, bool):
        raise type_error(param, value, "boolean")
    return value


def obj(param, value, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, dict):
        raise type_error(param, value, "object", *(["null"] if nullable else []))
    return value


def array(param, value, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, list):
        raise type_error(param, value, "array", *(["null"] if nullable else []))
    return value


def one_of(param, value, allowed):
    if value not in allowed:
        shown = ["'%s'" % a for a in allowed]
        listed = " and ".join(shown) if len(shown) < 3 else ", ".join(shown[:-1]) + ", and " + shown[-1]
        raise bad_request("Invalid value for '%s': %s. Supported values are: %s."
                          % (param, _json(value), listed), param, "invalid_value")
    return value


def required(body, name, prefix=""):
    if name not in body or body[name] is None:
        raise bad_request("Missing required parameter: '%s%s'." % (prefix, name), prefix + name,
                          "missing_required_parameter")
    return body[name]


def no_unknown(body, allowed, prefix=""):
    for key in body:
        if key not in allowed:
            raise bad_request("Unknown parameter: '%s%s'." % (prefix, key), prefix + key, "unknown_parameter")


def metadata(value):
    """OpenAI's Metadata: up to 16 string values, keys up to 64 characters, values up to 512."""
    if value is None:
        return None
    obj("metadata", value)
    if len(value) > 16:
        raise bad_request("Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but "
                          "got an object with %d properties instead." % len(value), "metadata",
                          "object_above_max_properties")
    for k, v in value.items():
        if len(k) > 64:
            raise bad_request("Invalid 'metadata': key too long. Expected a key with maximum length 64, but got a key "
                              "with length %d instead." % len(k), "metadata", "string_above_max_length")
        string("metadata.%s" % k, v, max_len=512)
    return value


def _json(value):
    import json
    return json.dumps(value)

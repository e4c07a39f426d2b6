// The fixed parts of the generated Python module: imports, the version switch between pydantic 1.10
// and 2.x, the raw-JSON checks (_check) behind the models, and the parsing API after them.

/** Before the models. _check runs, on the raw JSON value, the rules python-models.ts puts in _RULES. */
export const PRELUDE = `import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Literal, Optional, Tuple, Union

import pydantic
from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt, StrictStr, conint, confloat, conlist, constr

PYDANTIC_V2 = int(pydantic.VERSION.split(".")[0]) >= 2


def _conlist(item: Any, min_items: Optional[int], max_items: Optional[int]) -> Any:
    if PYDANTIC_V2:
        return conlist(item, min_length=min_items, max_length=max_items)
    return conlist(item, min_items=min_items, max_items=max_items)


def _json_eq(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, object key order does not matter."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_eq(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _check(rule: Dict[str, Any], v: Any) -> Optional[str]:
    """The checks pydantic cannot make exactly, on a raw JSON value: a message, or None when it passes."""
    if rule.get("never"):
        return "is not allowed"
    if v is None:
        return "must not be null" if rule.get("nonnull") else None
    if "enum" in rule and not any(_json_eq(v, e) for e in rule["enum"]):
        return "must be one of " + json.dumps(rule["enum"])
    if isinstance(v, str):
        if "pattern" in rule and _PATTERNS[rule["pattern"]][0].search(v) is None:
            return "must match the pattern " + json.dumps(_PATTERNS[rule["pattern"]][1])
        if "format" in rule and rule["format"] in _STRING_FORMATS and not _STRING_FORMATS[rule["format"]](v):
            return "must be a valid " + rule["format"]
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        if "multipleOf" in rule and not float(v / rule["multipleOf"]).is_integer():
            return "must be a multiple of " + json.dumps(rule["multipleOf"])
        if "format" in rule and rule["format"] in _NUMBER_FORMATS and not _NUMBER_FORMATS[rule["format"]](v):
            return "must be a valid " + rule["format"]
    elif isinstance(v, list):
        if rule.get("uniqueItems") and any(_json_eq(v[i], v[j]) for i in range(len(v)) for j in range(i)):
            return "must not contain duplicate items"
        for i, item in enumerate(v if "items" in rule else []):
            problem = _check(rule["items"], item)
            if problem:
                return "[%d] %s" % (i, problem)
    elif isinstance(v, dict):
        if "minProperties" in rule and len(v) < rule["minProperties"]:
            return "must have at least %d properties" % rule["minProperties"]
        if "maxProperties" in rule and len(v) > rule["maxProperties"]:
            return "must have at most %d properties" % rule["maxProperties"]
        for key, needed in rule.get("requires", {}).items():
            if key in v and any(n not in v for n in needed):
                return "%s needs %s as well" % (key, ", ".join(needed))
    return None


def _check_raw_json(cls: Any, data: Any) -> Any:
    rules = _RULES.get(cls.__name__)
    if rules and isinstance(data, dict):
        for key, rule in rules.items():
            problem = _check(rule, data[key]) if key in data else None
            if problem:
                raise ValueError("%s: %s" % (key, problem))
    return data


if PYDANTIC_V2:
    from pydantic import ConfigDict, ValidationError, model_validator

    class _OpenModel(BaseModel):
        model_config = ConfigDict(extra="allow")
        check_raw_json = model_validator(mode="before")(_check_raw_json)

    class _StrictModel(BaseModel):
        model_config = ConfigDict(extra="forbid")
        check_raw_json = model_validator(mode="before")(_check_raw_json)

else:
    from pydantic import ValidationError, root_validator

    class _OpenModel(BaseModel):  # type: ignore[no-redef]
        class Config:
            extra = "allow"

        check_raw_json = root_validator(pre=True, allow_reuse=True)(_check_raw_json)

    class _StrictModel(BaseModel):  # type: ignore[no-redef]
        class Config:
            extra = "forbid"

        check_raw_json = root_validator(pre=True, allow_reuse=True)(_check_raw_json)`;

/** After the models: parse_router_output, parse_tool_call, call_arguments. */
export const RUNTIME = `

@dataclass
class ParseResult:
    ok: bool
    value: Any = None  # a RouterCall, or a list of ToolCall
    error: Optional[str] = None
    repaired: bool = False


_FENCE = re.compile(r"^\\s*\`\`\`(?:json)?[ \\t]*\\r?\\n?(.*?)\\r?\\n?\\s*\`\`\`\\s*\\Z", re.DOTALL | re.IGNORECASE)


def _js_float(text: str) -> Any:
    f = float(text)
    return int(f) if f.is_integer() else f  # JavaScript's JSON.parse gives 2.0 and 2 the same number


def _not_json(name: str) -> Any:
    raise ValueError("%s is not JSON" % name)


def _load_json(text: str) -> Any:
    return json.loads(text, parse_float=_js_float, parse_constant=_not_json)


def _validate(wrapper: Any, value: Any) -> Any:
    if PYDANTIC_V2:
        return wrapper.model_validate({"reply": value}).reply
    return wrapper.parse_obj({"reply": value}).reply


def _describe(e: ValidationError) -> str:
    problems = []
    for err in e.errors():
        where = ".".join(str(p) for p in err["loc"][1:] if p != "__root__") or "(reply)"
        message = str(err["msg"])
        problems.append("%s: %s" % (where, message[len("Value error, "):] if message.startswith("Value error, ") else message))
    return "; ".join(problems)


def parse_router_output(text: str) -> ParseResult:
    """Parses and validates a router_json reply: one call, no_tool, or a list of calls."""
    repaired = False
    try:
        data = _load_json(text)
    except ValueError as e:
        fenced = _FENCE.search(text)
        if not fenced:
            return ParseResult(False, error="not valid JSON: %s" % e)
        repaired = True
        try:
            data = _load_json(fenced.group(1))
        except ValueError as e2:
            return ParseResult(False, error="not valid JSON: %s" % e2, repaired=True)
    try:
        if isinstance(data, list):
            if _ToolReply is None or not data:
                return ParseResult(False, error="a list of calls must hold at least one tool call", repaired=repaired)
            return ParseResult(True, value=[_validate(_ToolReply, item) for item in data], repaired=repaired)
        return ParseResult(True, value=_validate(_RouterReply, data), repaired=repaired)
    except ValidationError as e:
        return ParseResult(False, error=_describe(e), repaired=repaired)


def parse_tool_call(name: str, arguments: Union[str, Dict[str, Any]]) -> ParseResult:
    """Validates one native tool call: the function name and its arguments (the JSON string OpenAI returns, or a dict)."""
    if _ToolReply is None:
        return ParseResult(False, error="the catalogue has no tools")
    try:
        args = _load_json(arguments) if isinstance(arguments, str) else arguments
        return ParseResult(True, value=_validate(_ToolReply, {"tool": name, "arguments": args}))
    except ValidationError as e:
        return ParseResult(False, error=_describe(e))
    except ValueError as e:
        return ParseResult(False, error="not valid JSON: %s" % e)


def call_arguments(call: Any) -> Dict[str, Any]:
    """A validated call's arguments as JSON (original names, only the arguments the model gave)."""
    args = call.arguments
    if not isinstance(args, BaseModel):
        return args
    if PYDANTIC_V2:
        return args.model_dump(by_alias=True, exclude_unset=True)
    return args.dict(by_alias=True, exclude_unset=True)
`;

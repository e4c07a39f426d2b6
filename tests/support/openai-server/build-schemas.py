#!/usr/bin/env python3
"""Builds schemas.json (draft-07 JSON Schema for Ajv) from the published OpenAI OpenAPI spec.

Run from the repository root when the spec changes:
    python3 tests/support/openai-server/build-schemas.py [/work/shared/openai]

Sources (components/schemas, spec version printed into the output):
  - openai-openapi.yaml: CreateFineTuningJobRequest, CreateChatCompletionRequest, the response objects
    (OpenAIFile, FineTuningJob, the event / checkpoint / job lists, CreateChatCompletionResponse,
    ErrorResponse) and everything they reference;
  - openai-openapi.FineTuneChatRequestInput.manual_spec-branch.yaml: FineTuneChatRequestInput (the
    per-line training example; it is missing from the full spec) and the assistant message it uses.
OpenAPI 3.0/3.1 -> JSON Schema: `$ref`s are rewritten to `#/definitions/...`; `nullable: true` becomes
`anyOf: [schema, {type: null}]`; boolean `exclusiveMinimum` becomes numeric; documentation and vendor
keys (description, example, default, deprecated, discriminator, format, x-*) are dropped.
Limits that exist only in description text (or only in the live API) are added here:
  - Metadata: 16 keys, key <= 64 chars, value <= 512 chars -> maxProperties / propertyNames / maxLength;
  - FunctionObject.name: "Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length
    of 64" -> pattern ^[a-zA-Z0-9_-]+$ plus maxLength 64 (together ^[a-zA-Z0-9_-]{1,64}$; split in two
    because the live API words the two failures apart: "string does not match pattern. Expected a string
    that matches the pattern '^[a-zA-Z0-9_-]+$'." / "string too long"). FunctionObject is also the tool of
    a training line, so uploads get the same check;
  - CreateChatCompletionRequest.tools: 1..128 items, as the live API refuses ("Invalid 'tools': empty
    array. Expected an array with minimum length 1, ..." / "array too long ... maximum length 128").
FineTunePreferenceRequestInput (one line of a DPO training file) is in neither file of this spec copy:
PREFERENCE_INPUT below is its definition as openai/openai-openapi publishes it (the manual_spec
branch's openapi.yaml, components/schemas/FineTunePreferenceRequestInput): `input` is the prompt as a
chat line (messages, tools, parallel_tool_calls), `preferred_output` and `non_preferred_output` hold
one assistant message each (ChatCompletionRequestAssistantMessage, maxItems 1).
"""
import json
import os
import subprocess
import sys

import yaml

SPEC_DIR = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/openai"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas.json")
# Requests the server validates, and responses the tests check the server's answers against.
ROOTS = [
    "FineTuneChatRequestInput", "FineTunePreferenceRequestInput", "CreateFineTuningJobRequest", "CreateChatCompletionRequest",
    "CreateChatCompletionResponse",
    "OpenAIFile", "DeleteFileResponse", "FineTuningJob", "ListPaginatedFineTuningJobsResponse",
    "ListFineTuningJobEventsResponse", "ListFineTuningJobCheckpointsResponse", "ErrorResponse",
]
PREFERENCE_INPUT = {
    "type": "object",
    "properties": {
        "input": {
            "type": "object",
            "properties": {
                "messages": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/ChatCompletionRequestSystemMessage"},
                            {"$ref": "#/components/schemas/ChatCompletionRequestUserMessage"},
                            {"$ref": "#/components/schemas/FineTuneChatCompletionRequestAssistantMessage"},
                            {"$ref": "#/components/schemas/ChatCompletionRequestToolMessage"},
                            {"$ref": "#/components/schemas/ChatCompletionRequestFunctionMessage"},
                        ]
                    },
                },
                "tools": {"type": "array", "items": {"$ref": "#/components/schemas/ChatCompletionTool"}},
                "parallel_tool_calls": {"$ref": "#/components/schemas/ParallelToolCalls"},
            },
        },
        "preferred_output": {
            "type": "array",
            "maxItems": 1,
            "items": {"oneOf": [{"$ref": "#/components/schemas/ChatCompletionRequestAssistantMessage"}]},
        },
        "non_preferred_output": {
            "type": "array",
            "maxItems": 1,
            "items": {"oneOf": [{"$ref": "#/components/schemas/ChatCompletionRequestAssistantMessage"}]},
        },
    },
}
KEEP = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems",
    "maxItems", "uniqueItems", "allOf", "anyOf", "oneOf", "not", "$ref", "maxProperties",
    "minProperties", "propertyNames", "patternProperties",
}


def convert(node):
    if isinstance(node, list):
        return [convert(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: convert(sub) for name, sub in value.items()}
        elif key == "$ref":
            out[key] = "#/definitions/" + value.split("/")[-1]
        elif key == "additionalProperties" and isinstance(value, bool):
            out[key] = value
        else:
            out[key] = convert(value)
    if node.get("exclusiveMinimum") is True:
        out["exclusiveMinimum"] = out.pop("minimum")
    elif node.get("exclusiveMinimum") is False:
        out.pop("exclusiveMinimum")
    if node.get("exclusiveMaximum") is True:
        out["exclusiveMaximum"] = out.pop("maximum")
    elif node.get("exclusiveMaximum") is False:
        out.pop("exclusiveMaximum")
    if node.get("nullable") is True:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def refs(node, acc):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                acc.add(value.split("/")[-1])
            else:
                refs(value, acc)
    elif isinstance(node, list):
        for value in node:
            refs(value, acc)


def main():
    with open(os.path.join(SPEC_DIR, "openai-openapi.yaml")) as fh:
        spec = yaml.safe_load(fh)
    schemas = dict(spec["components"]["schemas"])
    with open(os.path.join(SPEC_DIR, "openai-openapi.FineTuneChatRequestInput.manual_spec-branch.yaml")) as fh:
        schemas.update(yaml.safe_load(fh))
    schemas.setdefault("FineTunePreferenceRequestInput", PREFERENCE_INPUT)
    seen, todo = set(), list(ROOTS)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = set()
        refs(schemas[name], found)
        todo.extend(found)
    definitions = {name: convert(schemas[name]) for name in sorted(seen)}
    meta = definitions["Metadata"]["anyOf"][0]
    meta["maxProperties"] = 16
    meta["propertyNames"] = {"maxLength": 64}
    meta["additionalProperties"] = {"type": "string", "maxLength": 512}
    name = definitions["FunctionObject"]["properties"]["name"]
    name["pattern"] = "^[a-zA-Z0-9_-]+$"
    name["maxLength"] = 64
    own = next(p for p in definitions["CreateChatCompletionRequest"]["allOf"] if "properties" in p)
    own["properties"]["tools"]["minItems"] = 1
    own["properties"]["tools"]["maxItems"] = 128
    doc = {
        "$comment": "Generated by build-schemas.py from the OpenAI OpenAPI spec " + spec["info"]["version"] + "; do not edit.",
        "definitions": definitions,
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=2, sort_keys=True)
        fh.write("\n")
    prettier = os.path.join(os.path.dirname(OUT), "..", "..", "..", "node_modules", ".bin", "prettier")
    if os.path.exists(prettier):  # keep the checked-in file in the repository's format
        subprocess.run([prettier, "--write", "--log-level", "warn", OUT], check=True)
    print("wrote", OUT, len(definitions), "definitions")


if __name__ == "__main__":
    main()

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLine, FORMAT_ERRORS, type FormatErrorKey } from "@/lib/datasets/openai-checks";

const user = (content: unknown = "What's the weather in Paris?") => ({ role: "user", content });
const reply = (content: unknown = "Sunny.") => ({ role: "assistant", content });
const weatherTool = {
  type: "function",
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
};
const call = (over: Record<string, unknown> = {}, fn: Record<string, unknown> = {}) => ({
  id: "call_1",
  type: "function",
  function: { name: "get_weather", arguments: '{"city": "Paris"}', ...fn },
  ...over,
});
const calling = (...calls: unknown[]) => ({ role: "assistant", tool_calls: calls });
const toolReply = (over: Record<string, unknown> = {}) => ({ role: "tool", tool_call_id: "call_1", content: "18C", ...over });
const line = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ messages, ...extra });

// For each key: a minimal line that has the error, and the nearest line that does not.
const cases: [FormatErrorKey, unknown, unknown][] = [
  ["data_type", [line([user(), reply()])], line([user(), reply()])],
  ["missing_messages_list", { messages: [] }, line([reply()])],
  ["message_missing_key", line([{ role: "user" }, reply()]), line([user(), reply()])],
  ["message_unrecognized_key", line([{ ...user(), foo: 1 }, reply()]), line([{ ...user(), name: "ann" }, reply()])],
  ["unrecognized_role", line([{ role: "bot", content: "hi" }, reply()]), line([{ role: "system", content: "Be brief." }, reply()])],
  ["missing_content", line([user(""), reply()]), line([user([{ type: "text", text: "hi" }]), reply()])],
  ["example_missing_assistant_message", line([user()]), line([user(), reply()])],
  ["message_data_type", line(["hi", reply()]), line([user(), reply()])],
  [
    "invalid_content_part",
    line([user([{ type: "video", url: "x" }]), reply()]),
    line([user([{ type: "image_url", image_url: { url: "https://x/y.png" } }]), reply()]),
  ],
  ["unrecognized_top_level_key", line([user(), reply()], { id: 7 }), line([user(), reply()], { parallel_tool_calls: false })],
  ["invalid_tools", line([user(), reply()], { tools: [{ type: "function" }] }), line([user(), reply()], { tools: [weatherTool] })],
  [
    "invalid_parallel_tool_calls",
    line([user(), reply()], { parallel_tool_calls: "false" }),
    line([user(), reply()], { parallel_tool_calls: true }),
  ],
  ["invalid_tool_call", line([user(), calling(call({ id: undefined }))]), line([user(), calling(call())])],
  ["duplicate_tool_call_id", line([user(), calling(call(), call())]), line([user(), calling(call(), call({ id: "call_2" }))])],
  [
    "tool_call_bad_arguments",
    line([user(), calling(call({}, { arguments: "{city: Paris" }))]),
    line([user(), calling(call({}, { arguments: "{}" }))]),
  ],
  [
    "tool_call_double_encoded_arguments",
    line([user(), calling(call({}, { arguments: JSON.stringify(JSON.stringify({ city: "Paris" })) }))]),
    line([user(), calling(call({}, { arguments: JSON.stringify({ city: "Paris" }) }))]),
  ],
  [
    "unknown_tool",
    line([user(), calling(call({}, { name: "launch" }))], { tools: [weatherTool] }),
    line([user(), calling(call())], { tools: [weatherTool] }),
  ],
  [
    "tool_message_missing_tool_call_id",
    line([user(), calling(call()), toolReply({ tool_call_id: undefined }), reply()]),
    line([user(), calling(call()), toolReply(), reply()]),
  ],
  [
    "tool_reply_without_call",
    line([user(), calling(call()), toolReply({ tool_call_id: "call_9" }), reply()]),
    line([user(), calling(call()), toolReply(), reply()]),
  ],
  [
    "weight_not_0_or_1",
    line([user(), { ...reply(), weight: 2 }]),
    line([user(), { ...reply(), weight: 0 }, user("And Rome?"), { ...reply(), weight: 1 }]),
  ],
  ["weight_on_non_assistant", line([{ ...user(), weight: 1 }, reply()]), line([user(), { ...reply(), weight: 1 }])],
];

describe("checkLine", () => {
  it("has a failing and a passing case for every error key", () => {
    expect(cases.map(([key]) => key).sort()).toEqual(Object.keys(FORMAT_ERRORS).sort());
  });

  it.each(cases)("flags %s, and passes the corrected line", (key, failing, passing) => {
    expect(checkLine(failing), `failing line ${JSON.stringify(failing)}`).toContain(key);
    expect(checkLine(passing), `passing line ${JSON.stringify(passing)}`).toEqual([]);
  });

  it("reports only data_type for a non-object line", () => {
    expect(checkLine(null)).toEqual(["data_type"]);
    expect(checkLine("text")).toEqual(["data_type"]);
  });

  it("reports each key once per line", () => {
    expect(checkLine(line([user(""), user(""), reply()]))).toEqual(["missing_content"]);
  });

  it("treats arguments that are not a JSON object as bad, whatever they parse to", () => {
    for (const args of ["[1,2]", "42", "null", '"plain"', { city: "Paris" }]) {
      expect(checkLine(line([user(), calling(call({}, { arguments: args }))])), JSON.stringify(args)).toEqual(["tool_call_bad_arguments"]);
    }
  });

  it("accepts the spec's own example: a tool call with no content, parallel_tool_calls and tools", () => {
    expect(checkLine(line([user(), calling(call())], { parallel_tool_calls: false, tools: [weatherTool] }))).toEqual([]);
  });

  it("accepts an empty-string or null content beside tool calls", () => {
    expect(checkLine(line([user(), { ...calling(call()), content: "" }]))).toEqual([]);
    expect(checkLine(line([user(), { ...calling(call()), content: null }]))).toEqual([]);
  });

  it("accepts the deprecated function_call with functions and a function reply", () => {
    const functions = [{ name: "get_weather", parameters: { type: "object" } }];
    const fnCall = { role: "assistant", content: null, function_call: { name: "get_weather", arguments: '{"city":"Paris"}' } };
    const fnReply = { role: "function", name: "get_weather", content: "18C" };
    expect(checkLine(line([user(), fnCall, fnReply, reply()], { functions }))).toEqual([]);
    expect(checkLine(line([user(), { ...fnCall, function_call: { name: "nope", arguments: "{}" } }], { functions }))).toEqual([
      "unknown_tool",
    ]);
  });

  it("does not judge tool names when the line declares no tools", () => {
    expect(checkLine(line([user(), calling(call({}, { name: "anything" }))]))).toEqual([]);
  });

  it("passes the first two drone rows and flags the double-encoded third", () => {
    const file = path.join(import.meta.dirname, "fixtures/drone_training.first3.jsonl");
    const rows = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    expect(rows.map(checkLine)).toEqual([[], [], ["tool_call_double_encoded_arguments"]]);
  });
});

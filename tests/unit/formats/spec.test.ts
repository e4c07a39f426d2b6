// Written OpenAI lines are checked against the training-line schema of OpenAI's spec
// (fixtures/openai-training-line.schema.json, generated from shared/openai).
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { openai, sharegpt, trl, type ExampleRecord } from "@/lib/formats";
import schema from "./fixtures/openai-training-line.schema.json";
import { arrayRecords, jsonlRecords, parseAll } from "./data";

const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

function problems(line: unknown): string {
  return validate(line) ? "" : JSON.stringify(validate.errors?.slice(0, 3));
}

describe("the OpenAI training-line schema", () => {
  it("rejects what the spec forbids (so the checks below can fail)", () => {
    expect(
      validate({ messages: [{ role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: {} } }] }] }),
    ).toBe(false);
    expect(validate({ messages: [{ role: "tool", content: "x" }] })).toBe(false);
    expect(validate({ messages: [{ role: "assistant", content: "x", weight: 2 }] })).toBe(false);
  });

  it("accepts every native line written from the glaive, reasoning and drone examples", () => {
    const parsed = [
      ...parseAll(jsonlRecords("glaive_toolcall_en_demo.openai.jsonl"), openai.parse).ok,
      ...parseAll(arrayRecords("glaive_toolcall_en_demo.sharegpt.json"), sharegpt.parse).ok,
      ...parseAll(jsonlRecords("reason_tool_use_demo_50.jsonl"), trl.parse).ok,
      ...parseAll(jsonlRecords("drone_training.first3.jsonl"), openai.parse).ok,
    ];
    expect(parsed.length).toBe(652);
    const bad = parsed
      .map((r) =>
        problems(openai.write(r.example, r.tools, { style: "native_tools", system: r.example.system ?? "", parallelToolCalls: false })),
      )
      .filter(Boolean);
    expect(bad).toEqual([]);
  });

  it("accepts router-style lines, tool results included", () => {
    const example: ExampleRecord = {
      messages: [
        { role: "user", content: "track 7" },
        { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track", arguments: { id: 7 } }] }, weight: 1 },
        { role: "tool", name: "track", content: "in transit" },
        { role: "assistant", decision: { kind: "no_tool", reason: "answered" }, content: "It is in transit.", weight: 0 },
      ],
    };
    expect(problems(openai.write(example, [], { style: "router_json", system: "Route." }))).toBe("");
  });
});

// parse → write → parse gives the examples back, for each format that can hold them.
import { describe, expect, it } from "vitest";
import { openai, router, sharegpt, trl, type ParsedRecord } from "@/lib/formats";
import { arrayRecords, jsonlRecords, normaliseIds, parseAll, value } from "./data";

const glaive = parseAll(jsonlRecords("glaive_toolcall_en_demo.openai.jsonl"), openai.parse).ok;
const reasoning = parseAll(jsonlRecords("reason_tool_use_demo_50.jsonl"), trl.parse).ok;
const toy = parseAll(jsonlRecords("toy_chat_fine_tuning.jsonl"), openai.parse).ok;
const drone = parseAll(jsonlRecords("drone_training.first3.jsonl"), openai.parse).ok;

/** Writes each record and parses the JSON text of the line again, as a file would. */
function again(records: ParsedRecord[], write: (r: ParsedRecord) => object, parse: typeof openai.parse) {
  return records.map((r) => value(parse(JSON.parse(JSON.stringify(write(r))), r.line)));
}

describe("round trips", () => {
  it("OpenAI native: examples and tools come back unchanged", () => {
    const records = [...glaive, ...toy, ...drone];
    const back = again(
      records,
      (r) => openai.write(r.example, r.tools, { style: "native_tools", system: r.example.system ?? "" }),
      openai.parse,
    );
    expect(back.map((r) => r.example)).toEqual(records.map((r) => r.example));
    expect(back.map((r) => r.tools)).toEqual(records.map((r) => r.tools));
  });

  it("OpenAI native keeps weight 0 and text next to calls", () => {
    const rec = value(
      openai.parse(
        {
          messages: [
            { role: "user", content: "x" },
            {
              role: "assistant",
              content: "Let me look.",
              tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }],
              weight: 0,
            },
            { role: "tool", tool_call_id: "c", content: "r" },
            { role: "assistant", content: "done" },
          ],
        },
        1,
      ),
    );
    const [back] = again([rec], (r) => openai.write(r.example, r.tools, { style: "native_tools", system: "" }), openai.parse);
    expect(back.example).toEqual(rec.example);
  });

  it("TRL: examples (reasoning included) and tools come back unchanged", () => {
    const records = [...glaive, ...reasoning, ...toy];
    const back = again(records, (r) => trl.write(r.example, r.tools), trl.parse);
    expect(back.map((r) => r.example)).toEqual(records.map((r) => r.example));
    expect(back.map((r) => r.tools)).toEqual(records.map((r) => r.tools));
  });

  it("ShareGPT: examples and tools come back unchanged", () => {
    const records = parseAll(arrayRecords("glaive_toolcall_en_demo.sharegpt.json"), sharegpt.parse).ok;
    const back = again(records, (r) => sharegpt.write(r.example, r.tools), sharegpt.parse);
    expect(back.map((r) => r.example)).toEqual(records.map((r) => r.example));
    expect(back.map((r) => r.tools)).toEqual(records.map((r) => r.tools));
    // And from OpenAI through ShareGPT: the same conversations, ids aside.
    const viaShareGpt = again(glaive, (r) => sharegpt.write(r.example, r.tools), sharegpt.parse);
    expect(viaShareGpt.map((r) => normaliseIds(r.example))).toEqual(glaive.map((r) => normaliseIds(r.example)));
  });

  it("router: examples come back unchanged", () => {
    const routed = again(glaive, (r) => router.write(r.example), router.parse);
    const back = again(routed, (r) => router.write(r.example), router.parse);
    expect(back.map((r) => r.example)).toEqual(routed.map((r) => r.example));
    // The router file holds the same decisions as the native one: tools and arguments.
    const calls = (rs: ParsedRecord[]) =>
      rs.flatMap((r) =>
        r.example.messages.flatMap((m) =>
          m.role === "assistant" && m.decision.kind === "tool_calls" ? m.decision.calls.map((c) => [c.name, c.arguments]) : [],
        ),
      );
    expect(calls(routed)).toEqual(calls(glaive));
  });
});

import { describe, expect, it } from "vitest";
import { detectFormat, FORMATS, FORMAT_IDS } from "@/lib/formats";
import { arrayRecords, jsonlRecords } from "./data";

const first = (records: unknown[]) => records.slice(0, 20);

describe("detectFormat on the shared files", () => {
  it.each([
    ["glaive_toolcall_en_demo.openai.jsonl", "openai"],
    ["glaive_toolcall_en_demo.trl.jsonl", "trl"],
    ["reason_tool_use_demo_50.jsonl", "trl"],
    ["toy_chat_fine_tuning.jsonl", "openai"],
    ["drone_training.first3.jsonl", "openai"],
    ["bfcl/BFCL_v4_simple_python.json", "bfcl"],
    ["bfcl/BFCL_v4_irrelevance.json", "bfcl"],
  ])("reads %s as %s", (file, format) => {
    const d = detectFormat(first(jsonlRecords(file)));
    expect(d.format).toBe(format);
    expect(d.confidence).toBeGreaterThan(0);
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  it("reads the glaive ShareGPT array as sharegpt with full confidence", () => {
    expect(detectFormat(first(arrayRecords("glaive_toolcall_en_demo.sharegpt.json")))).toMatchObject({ format: "sharegpt", confidence: 1 });
  });

  it("is surer of a file with string arguments than of one with plain chat only", () => {
    const drone = detectFormat(jsonlRecords("drone_training.first3.jsonl"));
    const toy = detectFormat(jsonlRecords("toy_chat_fine_tuning.jsonl"));
    expect(drone.confidence).toBe(1);
    expect(toy.confidence).toBeLessThan(drone.confidence);
  });
});

describe("detectFormat on small samples", () => {
  it("recognises router replies", () => {
    const rec = {
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: '{"tool": "no_tool", "reason": "greeting"}' },
      ],
    };
    expect(detectFormat([rec, rec]).format).toBe("router");
  });

  it("says so when there is nothing to look at, or nothing it knows", () => {
    expect(detectFormat([])).toMatchObject({ confidence: 0 });
    const d = detectFormat([{ text: "a" }, 3]);
    expect(d.confidence).toBe(0);
    expect(d.reasons).toContain("2 of 2 records: no known shape");
  });
});

describe("FORMATS", () => {
  it("registers every format id with a label, a file kind and a reader", () => {
    for (const id of FORMAT_IDS) {
      expect(FORMATS[id]).toMatchObject({ id, label: expect.any(String), fileKind: expect.stringMatching(/^(jsonl|json-array)$/) });
      expect(FORMATS[id].parse({}, 1).ok).toBe(false);
    }
  });
});

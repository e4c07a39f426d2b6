// The same 300 glaive conversations ship as OpenAI, TRL and ShareGPT files: all three readers must
// agree on every example and tool (call ids differ by file, so they are compared after renumbering).
import { describe, expect, it } from "vitest";
import { openai, sharegpt, trl } from "@/lib/formats";
import { arrayRecords, jsonlRecords, normaliseIds, parseAll } from "./data";

describe("the glaive demo in three formats", () => {
  const fromOpenAI = parseAll(jsonlRecords("glaive_toolcall_en_demo.openai.jsonl"), openai.parse);
  const fromTrl = parseAll(jsonlRecords("glaive_toolcall_en_demo.trl.jsonl"), trl.parse);
  const fromShareGpt = parseAll(arrayRecords("glaive_toolcall_en_demo.sharegpt.json"), sharegpt.parse);

  it("parses with zero errors in each format", () => {
    expect([fromOpenAI.errors, fromTrl.errors, fromShareGpt.errors]).toEqual([[], [], []]);
    expect([fromOpenAI.ok.length, fromTrl.ok.length, fromShareGpt.ok.length]).toEqual([300, 300, 300]);
  });

  it("gives the same examples from OpenAI, TRL and ShareGPT", () => {
    const o = fromOpenAI.ok.map((r) => normaliseIds(r.example));
    expect(fromTrl.ok.map((r) => normaliseIds(r.example))).toEqual(o);
    expect(fromShareGpt.ok.map((r) => normaliseIds(r.example))).toEqual(o);
  });

  it("gives the same tools from OpenAI, TRL and ShareGPT", () => {
    const o = fromOpenAI.ok.map((r) => r.tools);
    expect(fromTrl.ok.map((r) => r.tools)).toEqual(o);
    expect(fromShareGpt.ok.map((r) => r.tools)).toEqual(o);
  });

  it("has the mix of turns the demo is known for", () => {
    const turns = fromOpenAI.ok.flatMap((r) => r.example.messages);
    const count = (pred: (m: (typeof turns)[number]) => boolean) => turns.filter(pred).length;
    expect(count((m) => m.role === "assistant" && m.decision.kind === "tool_calls")).toBe(211);
    expect(count((m) => m.role === "assistant" && m.decision.kind === "no_tool")).toBe(746);
    expect(count((m) => m.role === "tool" && m.toolCallId !== undefined)).toBe(211);
  });
});

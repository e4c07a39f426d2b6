import { describe, expect, it } from "vitest";
import { buildGenerationCreate, fillForm, initialForm, totalOf } from "@/components/generate/generate-form";
import type { GenerationSetupDto } from "@/lib/schemas/generate";

const setup: GenerationSetupDto = {
  tools: [
    { name: "a", description: "", required: ["x"] },
    { name: "b", description: "", required: [] },
  ],
  multiTurnOffered: false,
  routing: { decisions: 100, noTool: 5 },
};
const target = { backend: "openai" as const, model: "gpt-4o-mini" };

describe("the Generate form", () => {
  it("sends every tool's counts, without multi-turn when it is not offered", () => {
    const form = initialForm(setup);
    form.counts.a.multi_turn = "3";
    const { body, errors } = buildGenerationCreate(form, target, false);
    expect(errors).toEqual({});
    expect(body).toEqual({
      target,
      tools: ["a", "b"],
      counts: { positive: 0, negative: 0, multi_turn: 0 },
      perTool: { a: { positive: 5, negative: 2, multi_turn: 0 }, b: { positive: 5, negative: 2, multi_turn: 0 } },
      temperature: 0.9,
    });
    expect(totalOf(form)).toBe(17);
  });

  it("names the field of each problem", () => {
    const form = { ...initialForm(setup), temperature: "3" };
    form.counts.b.negative = "-1";
    expect(buildGenerationCreate(form, null, false).errors).toEqual({
      target: "choose the teacher model",
      "counts.b.negative": "a whole number from 0 to 200",
      temperature: "a number from 0 to 2",
    });
    expect(buildGenerationCreate({ ...initialForm(setup), tools: [] }, target, false).errors).toEqual({
      tools: "choose at least one tool",
    });
  });

  it("fills the gauge with negatives spread over the chosen tools", () => {
    const { form, fill } = fillForm(initialForm(setup), setup.routing);
    expect(fill).toMatchObject({ add: "negative", count: 12 });
    expect(form.counts).toEqual({
      a: { positive: "0", negative: "6", multi_turn: "0" },
      b: { positive: "0", negative: "6", multi_turn: "0" },
    });
  });

  it("fills with tool calls when no_tool is above the band", () => {
    const { form } = fillForm({ ...initialForm(setup), tools: ["b"] }, { decisions: 10, noTool: 5 });
    // 5 / (10 + y) = 0.15 → y = 23.33 → 23 (5/33 = 15.2%)
    expect(form.counts.b).toEqual({ positive: "23", negative: "0", multi_turn: "0" });
  });
});

// A catalogue pattern that makes a backtracking engine run for hours (^(a+)+$ on ~40 characters)
// is matched in linear time on every path: the schema check at save, the argument validation that
// labelling, imports, re-validation and scoring share, and patternProperties.
import { describe, expect, it } from "vitest";
import { checkToolSchema } from "@/lib/validation/tool-schema";
import { validateArguments } from "@/lib/validation/example";
import { validateDecision } from "@/lib/scoring/validate";

const evil = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } }, required: ["code"] };
const attack = "a".repeat(40) + "!";

describe("catalogue patterns run in linear time", () => {
  it("saves a schema with a catastrophic-backtracking pattern", () => {
    expect(checkToolSchema(evil)).toEqual([]);
  });

  it("validates 40 a's and a '!' against ^(a+)+$ at once (a backtracking engine needs hours), and still matches correctly", () => {
    const tool = { name: "redeem", parameters: evil, archived: false };
    const issues = validateArguments(tool, { code: attack });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/pattern/);
    expect(validateArguments(tool, { code: "aaaa" })).toEqual([]);
    // Long inputs too: a 100,000-character argument is one linear pass.
    expect(validateArguments(tool, { code: "a".repeat(100_000) + "!" })).toHaveLength(1);
  });

  it("applies the same engine to patternProperties", () => {
    const tool = { name: "t", parameters: { type: "object", patternProperties: { "^(a+)+$": { type: "integer" } } }, archived: false };
    expect(validateArguments(tool, { [attack]: "not checked", aaaa: "x" }).map((i) => i.path)).toEqual(["aaaa"]);
  });

  it("scores a model's call against such a schema without hanging", () => {
    const problems = validateDecision({ kind: "tool_calls", calls: [{ name: "redeem", arguments: { code: attack } }] } as Parameters<typeof validateDecision>[0], [{ name: "redeem", parameters: evil }]);
    expect(problems).toEqual([expect.stringMatching(/^redeem\.code: .*pattern/)]);
  });

  it("refuses, when the tool is saved, a pattern RE2 cannot run (lookahead), saying why", () => {
    const issues = checkToolSchema({ type: "object", properties: { p: { type: "string", pattern: "^(?=.*\\d).{8,}$" } } });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/not supported.*lookahead/);
  });
});

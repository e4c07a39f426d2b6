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

  it("runs lookahead and backreferences (which RE2 lacks) only when a ReDoS check passes, and refuses the rest, saying why", () => {
    const password = { name: "p", parameters: { type: "object", properties: { p: { type: "string", pattern: "^(?=.*\\d)(?=.*[a-z]).{8,64}$" } } }, archived: false };
    expect(checkToolSchema(password.parameters)).toEqual([]);
    expect(validateArguments(password, { p: "abcdefg1" })).toEqual([]);
    expect(validateArguments(password, { p: "abcdefgh" })).toHaveLength(1);
    const issues = checkToolSchema({ type: "object", properties: { p: { type: "string", pattern: "^(?=a)(a+)+$" } } });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/refused: .*lookaround or backreferences.*ReDoS/);
  });

  it("keeps JavaScript's meaning where RE2's differs: \\s, '.', \\u escapes, [^]", () => {
    const t = (pattern: string, value: string) => validateArguments({ name: "t", parameters: { type: "object", properties: { v: { type: "string", pattern } } }, archived: false }, { v: value }).length === 0;
    expect(t("^a\\sb$", "a\u00a0b")).toBe(true); // JS \s includes no-break space; RE2's does not
    expect(t("^a.b$", "a\u2028b")).toBe(false); // JS "." stops at line separators
    expect(t("^a.b$", "a\rb")).toBe(false);
    expect(t("^\\u00e9+$", "ééé")).toBe(true);
    expect(t("^[\\u4e00-\\u9fa5]+$", "中文")).toBe(true);
    expect(t("^[^]$", "\n")).toBe(true);
    expect(t("^(?<y>\\d{4})-(?<m>\\d{2})$", "2024-05")).toBe(true);
  });
});

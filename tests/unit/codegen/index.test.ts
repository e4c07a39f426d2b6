import { describe, expect, it } from "vitest";
import { CATALOGUE_FILES, generateCatalogueCode, generateJsonSchemaBundle, generatePythonPydantic, generateTypescriptZod } from "@/lib/codegen";
import { toPythonRegex } from "@/lib/codegen/python-regex";
import { customerSupport, edge } from "./fixtures";

describe("generateCatalogueCode", () => {
  it("returns the three files by name, each the output of its generator", () => {
    const files = generateCatalogueCode(customerSupport.input);
    expect(Object.keys(files)).toEqual([...CATALOGUE_FILES]);
    expect(files["catalogue.schema.json"]).toBe(generateJsonSchemaBundle(customerSupport.input));
    expect(files["tooltune_catalogue.ts"]).toBe(generateTypescriptZod(customerSupport.input));
    expect(files["tooltune_catalogue.py"]).toBe(generatePythonPydantic(customerSupport.input));
  });

  it("is deterministic and leaves its input alone", () => {
    const before = JSON.stringify(edge.input);
    expect(generateCatalogueCode(edge.input)).toEqual(generateCatalogueCode(edge.input));
    expect(JSON.stringify(edge.input)).toBe(before);
  });
});

describe("toPythonRegex", () => {
  const py = (p: string, flags = "u") => {
    const r = toPythonRegex(p, flags);
    return r.ok ? r.pattern : `error: ${r.error}`;
  };

  it("spells out what Python reads differently", () => {
    expect(py("^ORD-\\d{5}$")).toBe("^ORD-[0-9]{5}\\Z");
    expect(py("[\\w.-]+")).toBe("[A-Za-z0-9_.-]+");
    expect(py("a.c")).toBe("a[^\\n\\r\\u2028\\u2029]c");
    expect(py("(?<year>\\d{4})\\k<year>")).toBe("(?P<year>[0-9]{4})(?P=year)");
    expect(py("[a&&b|~[]")).toBe("[a\\&\\&b\\|\\~\\[]");
    expect(py("\\u{1F600}")).toBe("\\U0001f600");
    expect(py("\\cJ")).toBe("\\x0a");
    expect(py("a[]b[^]")).toBe("a(?!)b(?s:.)");
  });

  it("keeps flags it can honour and refuses constructs without a safe equivalent", () => {
    expect(toPythonRegex("abc", "iu")).toEqual({ ok: true, pattern: "abc", flags: ["re.IGNORECASE"] });
    expect(py("(?<=a)b")).toBe("error: a lookbehind");
    expect(py("\\p{L}")).toMatch(/^error: a Unicode property escape/);
    expect(py("[^\\S]")).toMatch(/^error: \\S inside a character class/);
    expect(py("^a$", "m")).toBe("error: the m flag");
  });
});

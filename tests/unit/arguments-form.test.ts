import { describe, expect, it } from "vitest";
import { applyInput, argumentToInput, carryArguments, extraArguments, fieldsFromSchema, inputToArgument, type ArgField } from "@/lib/forms/arguments-form";

const SCHEMA = {
  type: "object",
  properties: {
    city: { type: "string", description: "City name" },
    unit: { type: "string", enum: ["c", "f"] },
    days: { type: "integer" },
    lat: { type: "number" },
    alerts: { type: "boolean" },
    tags: { type: "array", items: { type: "string" } },
    note: { type: ["string", "null"] },
    level: { enum: [1, 2, 3] },
    any: {},
  },
  required: ["city", "note"],
};

const fields = fieldsFromSchema(SCHEMA);
const f = (name: string): ArgField => fields.find((x) => x.name === name)!;

describe("fieldsFromSchema", () => {
  it("gives each argument an input kind in schema order, with required and hint", () => {
    expect(fields.map((x) => [x.name, x.kind])).toEqual([
      ["city", "string"],
      ["unit", "enum"],
      ["days", "integer"],
      ["lat", "number"],
      ["alerts", "boolean"],
      ["tags", "json"],
      ["note", "string"],
      ["level", "enum"],
      ["any", "json"],
    ]);
    expect(f("city")).toMatchObject({ required: true, description: "City name", typeLabel: "string" });
    expect(f("tags")).toMatchObject({ typeLabel: "string[]", acceptsString: false });
    expect(f("note")).toMatchObject({ nullable: true, required: true });
  });

  it("returns no fields for a schema without properties", () => {
    expect(fieldsFromSchema({ type: "object" })).toEqual([]);
    expect(fieldsFromSchema(null)).toEqual([]);
  });
});

describe("inputToArgument", () => {
  it("converts typed text to values of the argument's type", () => {
    expect(inputToArgument(f("city"), "Paris")).toEqual({ value: "Paris" });
    expect(inputToArgument(f("days"), " 3 ")).toEqual({ value: 3 });
    expect(inputToArgument(f("lat"), "-48.85")).toEqual({ value: -48.85 });
    expect(inputToArgument(f("alerts"), "false")).toEqual({ value: false });
    expect(inputToArgument(f("unit"), '"f"')).toEqual({ value: "f" });
    expect(inputToArgument(f("level"), "2")).toEqual({ value: 2 });
    expect(inputToArgument(f("tags"), '["a", "b"]')).toEqual({ value: ["a", "b"] });
  });

  it("leaves out empty optional inputs and sends null for empty required nullable ones", () => {
    expect(inputToArgument(f("city"), "")).toEqual({ omit: true });
    expect(inputToArgument(f("days"), "  ")).toEqual({ omit: true });
    expect(inputToArgument(f("alerts"), "")).toEqual({ omit: true });
    expect(inputToArgument(f("note"), "")).toEqual({ value: null });
  });

  it("names the problem when the text does not fit", () => {
    expect(inputToArgument(f("days"), "2.5")).toEqual({ error: '"2.5" is not a whole number' });
    expect(inputToArgument(f("lat"), "12abc")).toEqual({ error: '"12abc" is not a number' });
    const bad = inputToArgument(f("tags"), '["a",');
    expect(bad).toHaveProperty("error");
    expect((bad as { error: string }).error).toMatch(/not valid JSON: .* \(line 1, column \d+\)/);
  });

  it("keeps spaces typed in strings", () => {
    expect(inputToArgument(f("city"), " New York ")).toEqual({ value: " New York " });
  });
});

describe("argumentToInput", () => {
  it("shows stored values as the inputs expect them", () => {
    expect(argumentToInput(f("city"), "Paris")).toBe("Paris");
    expect(argumentToInput(f("days"), 3)).toBe("3");
    expect(argumentToInput(f("alerts"), true)).toBe("true");
    expect(argumentToInput(f("unit"), "c")).toBe('"c"');
    expect(argumentToInput(f("tags"), ["a"])).toBe('["a"]');
    expect(argumentToInput(f("note"), null)).toBe("");
    expect(argumentToInput(f("city"), undefined)).toBe("");
  });

  it("shows text that did not parse as it was typed", () => {
    expect(argumentToInput(f("tags"), '["a",')).toBe('["a",');
    expect(argumentToInput(f("days"), "2.5x")).toBe("2.5x");
  });

  it("round-trips every value an input produces", () => {
    const samples: [string, unknown][] = [
      ["city", "Oslo"],
      ["unit", "f"],
      ["days", 7],
      ["lat", 0.5],
      ["alerts", false],
      ["tags", ["x", "y"]],
      ["note", null],
      ["level", 3],
      ["any", { k: 1 }],
    ];
    for (const [name, value] of samples) {
      expect(inputToArgument(f(name), argumentToInput(f(name), value)), name).toEqual({ value });
    }
  });
});

describe("applyInput", () => {
  it("sets, removes, or keeps unparseable text as the value", () => {
    expect(applyInput({}, f("days"), "4")).toEqual({ args: { days: 4 }, error: null });
    expect(applyInput({ days: 4 }, f("days"), "")).toEqual({ args: {}, error: null });
    expect(applyInput({}, f("days"), "four")).toEqual({ args: { days: "four" }, error: '"four" is not a number' });
  });
});

describe("extraArguments / carryArguments", () => {
  it("finds arguments the tool does not have, and keeps only the ones it does", () => {
    expect(extraArguments(fields, { city: "a", color: "red" })).toEqual(["color"]);
    expect(carryArguments(fields, { city: "a", color: "red" })).toEqual({ city: "a" });
  });
});

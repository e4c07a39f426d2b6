import { describe, expect, it } from "vitest";
import type { ToolDef } from "@/lib/formats";
import { MAX_PROPERTY_VARIANTS, mergeVariants } from "@/lib/datasets/tool-variants";
import { ToolCollector, resolveEntry } from "@/lib/datasets/tool-plan";
import { checkToolSchema } from "@/lib/validation/tool-schema";

const weather = (properties: Record<string, unknown>, required: string[], description = "Weather now"): ToolDef => ({
  name: "get_weather",
  description,
  parameters: { type: "object", properties, required },
});
const city = { type: "string", description: "City name" };
const unit = { type: "string", enum: ["C", "F"] };

function merged(defs: ToolDef[]) {
  const r = mergeVariants(defs);
  if (!r.ok) throw new Error(`expected a merge, got the refusal: ${r.reason}`);
  return r;
}

describe("mergeVariants", () => {
  it("takes the union of the properties in first-seen order", () => {
    const r = merged([weather({ city }, ["city"]), weather({ unit, city }, ["city"]), weather({ days: { type: "integer" } }, [])]);
    expect(Object.keys(r.def.parameters.properties as object)).toEqual(["city", "unit", "days"]);
    expect(r.def.parameters.properties).toEqual({ city, unit, days: { type: "integer" } });
    expect(r.notes).toContain("added from later variants: unit, days");
  });

  it("requires only the properties every variant requires", () => {
    const r = merged([weather({ city, unit }, ["city", "unit"]), weather({ city, unit }, ["unit", "city"]), weather({ city, unit }, ["city"])]);
    expect(r.def.parameters.required).toEqual(["city"]);
    expect(r.notes).toContain("no longer required (some variants do not require it): unit");
  });

  it("leaves required out when no property is required by every variant", () => {
    const r = merged([weather({ city }, ["city"]), weather({ unit }, ["unit"])]);
    expect(r.def.parameters).not.toHaveProperty("required");
  });

  it("merges a property with conflicting types into anyOf and names it", () => {
    const r = merged([weather({ city, days: { type: "integer", description: "How many" } }, ["city"]), weather({ city, days: { type: "string" } }, ["city"])]);
    expect((r.def.parameters.properties as Record<string, unknown>).days).toEqual({ description: "How many", anyOf: [{ type: "integer" }, { type: "string" }] });
    expect(r.notes).toContain("properties.days: the variants declare it differently (integer / string); merged as anyOf");
    expect(checkToolSchema(r.def.parameters)).toEqual([]);
  });

  it("does not count a different description as a conflict, and keeps the first", () => {
    const r = merged([weather({ city }, ["city"]), weather({ city: { type: "string", description: "Town" } }, ["city"], "Other words")]);
    expect(r.def).toEqual(weather({ city }, ["city"]));
    expect(r.notes).toEqual([]);
  });

  it("refuses to merge a property declared in too many ways, naming it", () => {
    const defs = Array.from({ length: MAX_PROPERTY_VARIANTS + 1 }, (_, i) => weather({ city, unit: { type: "string", enum: [`u${i}`] } }, []));
    expect(mergeVariants(defs)).toEqual({ ok: false, reason: `properties.unit has more than ${MAX_PROPERTY_VARIANTS} different declarations across the variants` });
  });
});

describe("ToolCollector with variants", () => {
  const first = weather({ city }, ["city"]);
  const second = weather({ city, unit }, ["city", "unit"]);

  it("keeps the first declaration by default and offers the merge beside it", () => {
    const c = new ToolCollector();
    c.add([first]);
    c.add([second]);
    c.add([first]);
    const [e] = c.plan([]);
    expect(e).toMatchObject({ name: "get_weather", action: "add", variants: 2, seenIn: 3, variantChoice: "first", imported: first });
    expect(e.merge).toEqual({ ok: true, def: weather({ city, unit }, ["city"]), notes: ["added from later variants: unit"] });
  });

  it("judges against the merge once it is chosen, and compares it with the catalogue", () => {
    const c = new ToolCollector();
    c.add([first]);
    c.add([second]);
    const mergedDef = weather({ city, unit }, ["city"]);
    const [e] = c.plan([first], { get_weather: { variantChoice: "merge" } });
    expect(e).toMatchObject({ action: "conflict", decision: "keep_existing", imported: mergedDef, variantChoice: "merge" });
    const same = resolveEntry({ ...e, existing: mergedDef });
    expect(same.action).toBe("same");
    expect(same).not.toHaveProperty("decision");
    expect(resolveEntry(e, { variantChoice: "first" })).toMatchObject({ action: "same", imported: first });
  });

  it("offers no variant choice for a name declared one way", () => {
    const c = new ToolCollector();
    c.add([first]);
    c.add([{ ...first, parameters: { required: ["city"], properties: { city }, type: "object" } }]);
    const [e] = c.plan([]);
    expect(e.variants).toBe(1);
    expect(e).not.toHaveProperty("variantChoice");
    expect(e).not.toHaveProperty("merge");
  });
});

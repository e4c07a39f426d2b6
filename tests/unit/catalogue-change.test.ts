import { describe, expect, it } from "vitest";
import { planRevert, proposeCreate, proposeUpdate, revertChangesSomething, type CatalogueRow } from "@/lib/catalogue/change";
import { diffCatalogues, lineDiff, toolJson } from "@/lib/catalogue/diff";
import type { CatalogueTool } from "@/lib/schemas/tool";

const obj = (props: Record<string, unknown> = {}) => ({ type: "object", properties: props });
const row = (id: string, name: string, position: number, extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
  id,
  name,
  description: `${name} does things`,
  parameters: obj(),
  archived: false,
  position,
  ...extra,
});
const snap = (rows: CatalogueRow[]): CatalogueTool[] => rows.map(({ name, description, parameters, archived }) => ({ name, description, parameters, archived }));

describe("proposed catalogue changes", () => {
  const current = [row("b", "escalate", 1), row("a", "track_order", 0)];

  it("appends a new tool and affects only its name", () => {
    const p = proposeCreate(current, { name: "refund", description: "", parameters: obj() });
    expect(p.tools.map((t) => t.name)).toEqual(["track_order", "escalate", "refund"]);
    expect(p.affected).toEqual(["refund"]);
  });

  it("applies a patch in place, affecting the old and the new name of a rename", () => {
    const p = proposeUpdate(current, "b", { name: "handoff", parameters: obj({ x: { type: "string" } }) })!;
    expect(p.tools[1]).toMatchObject({ name: "handoff", description: "escalate does things", parameters: obj({ x: { type: "string" } }) });
    expect(p.affected).toEqual(["escalate", "handoff"]);
    expect(p.rename).toBeUndefined();
    expect(proposeUpdate(current, "b", { name: "handoff", renameInExamples: true })!.rename).toEqual({ from: "escalate", to: "handoff" });
    expect(proposeUpdate(current, "a", { archived: true })!.affected).toEqual(["track_order"]);
    expect(proposeUpdate(current, "zzz", {})).toBeNull();
  });
});

describe("planRevert", () => {
  it("writes only what differs, and affects only tools whose schema or archived flag changes", () => {
    const old = snap([row("a", "track_order", 0), row("b", "escalate", 1)]);
    const now = [row("a", "track_order", 0, { parameters: obj({ email: { type: "string" } }) }), row("b", "escalate", 1, { description: "new words" })];
    const plan = planRevert(now, old);
    expect(plan.updates).toEqual([
      { id: "a", name: "track_order", data: { position: 0, parameters: obj() } },
      { id: "b", name: "escalate", data: { position: 1, description: "escalate does things" } },
    ]);
    expect(plan.creates).toEqual([]);
    expect(plan.affected).toEqual(["track_order"]);
    expect(plan.tools).toEqual(old);
  });

  it("re-creates a tool renamed since by its old name, and archives tools the version did not have", () => {
    const old = snap([row("a", "track_order", 0), row("b", "escalate", 1)]);
    const now = [row("a", "track_order", 0), row("b", "handoff", 1), row("c", "refund", 2)];
    const plan = planRevert(now, old);
    expect(plan.creates).toEqual([{ ...old[1], position: 1 }]);
    expect(plan.updates).toEqual([
      { id: "b", name: "handoff", data: { position: 2, archived: true } },
      { id: "c", name: "refund", data: { position: 3, archived: true } },
    ]);
    expect(plan.affected).toEqual(["escalate", "handoff", "refund"]);
    expect(plan.tools.map((t) => `${t.name}${t.archived ? " (archived)" : ""}`)).toEqual(["track_order", "escalate", "handoff (archived)", "refund (archived)"]);
  });

  it("restores the order of the version and says when nothing would change", () => {
    const now = [row("a", "track_order", 1), row("b", "escalate", 0)];
    const plan = planRevert(now, snap([row("a", "track_order", 0), row("b", "escalate", 1)]));
    expect(plan.updates.map((u) => [u.name, u.data.position])).toEqual([["track_order", 0], ["escalate", 1]]);
    expect(plan.affected).toEqual([]);
    expect(revertChangesSomething(plan)).toBe(true);
    expect(revertChangesSomething(planRevert(now, snap([...now].sort((x, y) => x.position - y.position))))).toBe(false);
  });
});

describe("diffCatalogues", () => {
  it("lists added, removed and changed tools with the fields that changed", () => {
    const a = snap([row("a", "track_order", 0), row("b", "escalate", 1), row("c", "refund", 2)]);
    const b = snap([row("b", "escalate", 0), row("a", "track_order", 1, { parameters: obj({ email: { type: "string" } }), archived: true }), row("d", "cancel", 2)]);
    const d = diffCatalogues(a, b);
    expect(d.added.map((t) => t.name)).toEqual(["cancel"]);
    expect(d.removed.map((t) => t.name)).toEqual(["refund"]);
    expect(d.changed.map((c) => [c.name, c.fields])).toEqual([
      ["escalate", ["position"]],
      ["track_order", ["parameters", "archived", "position"]],
    ]);
    expect(d.unchanged).toBe(0);
    expect(diffCatalogues(a, a)).toEqual({ added: [], removed: [], changed: [], unchanged: 3 });
  });
});

describe("lineDiff", () => {
  it("marks removed and added lines with their line numbers on each side", () => {
    const d = lineDiff("a\nb\nc\nd", "a\nc\nx\nd");
    expect(d).toEqual([
      { op: "same", text: "a", a: 1, b: 1 },
      { op: "del", text: "b", a: 2 },
      { op: "same", text: "c", a: 3, b: 2 },
      { op: "add", text: "x", b: 3 },
      { op: "same", text: "d", a: 4, b: 4 },
    ]);
  });

  it("diffs two versions of a tool's JSON down to the changed property", () => {
    const before = toolJson({ name: "t", description: "d", parameters: obj({ id: { type: "string" } }), archived: false });
    const after = toolJson({ name: "t", description: "d", parameters: obj({ id: { type: "integer" } }), archived: false });
    const changed = lineDiff(before, after).filter((l) => l.op !== "same");
    expect(changed).toEqual([
      { op: "del", text: '        "type": "string"', a: 7 },
      { op: "add", text: '        "type": "integer"', b: 7 },
    ]);
  });

  it("handles empty sides and identical texts", () => {
    expect(lineDiff("", "x").map((l) => l.op)).toEqual(["del", "add"]);
    expect(lineDiff("same\ntext", "same\ntext").every((l) => l.op === "same")).toBe(true);
  });
});

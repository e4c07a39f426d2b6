import { describe, expect, it } from "vitest";
import { normaliseRunTags, runPatchSchema } from "@/lib/schemas/runs";
import { bestEvalByRun, type EvalCandidate } from "@/lib/server/runs/best-eval";

describe("run tags", () => {
  it("lowercases, trims, joins inner spaces with '-' and keeps each tag once, in the order first given", () => {
    expect(normaliseRunTags([" Baseline ", "LoRA  r16", "baseline", "", "   ", "lora-r16", "Ünïcode"])).toEqual(["baseline", "lora-r16", "ünïcode"]);
  });

  it("counts the 20-tag limit after duplicates are merged", () => {
    const twentyOne = [...Array.from({ length: 20 }, (_, i) => `t${i}`), "T0"];
    expect(runPatchSchema.parse({ tags: twentyOne }).tags).toHaveLength(20);
    const r = runPatchSchema.safeParse({ tags: [...twentyOne, "t20"] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["tags"], message: "tags: at most 20 tags" });
  });

  it("refuses a tag longer than 40 characters or with a quote, naming the tag's place", () => {
    expect(runPatchSchema.safeParse({ tags: ["ok", "x".repeat(41)] }).error!.issues[0]).toMatchObject({ path: ["tags", 1], message: "tags: a tag is at most 40 characters" });
    expect(runPatchSchema.safeParse({ tags: ['a"b'] }).error!.issues[0].path).toEqual(["tags", 0]);
  });
});

describe("runPatchSchema", () => {
  it("trims the name and reads an empty name or blank notes as cleared (null)", () => {
    expect(runPatchSchema.parse({ name: "  Run A  " })).toEqual({ name: "Run A" });
    expect(runPatchSchema.parse({ name: "", notes: " \n " })).toEqual({ name: null, notes: null });
    expect(runPatchSchema.parse({ notes: "  indented\nnotes" })).toEqual({ notes: "  indented\nnotes" });
  });

  it("takes a 120-character name and 10,000 characters of notes, and one more of either is refused", () => {
    expect(runPatchSchema.safeParse({ name: "n".repeat(120), notes: "x".repeat(10_000) }).success).toBe(true);
    expect(runPatchSchema.safeParse({ name: "n".repeat(121) }).error!.issues[0]).toMatchObject({ path: ["name"], message: "name is at most 120 characters" });
    expect(runPatchSchema.safeParse({ notes: "x".repeat(10_001) }).error!.issues[0]).toMatchObject({ path: ["notes"], message: "notes are at most 10,000 characters" });
  });

  it("refuses an empty change and fields that are not a run's labels", () => {
    expect(runPatchSchema.safeParse({}).success).toBe(false);
    expect(runPatchSchema.safeParse({ name: "x", baseModel: "gpt-4o" }).success).toBe(false);
  });
});

describe("bestEvalByRun", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const ev = (id: string, runId: string, exact: [number, number], falseCalls: [number, number] = [0, 10], minute = 0): EvalCandidate => ({
    id,
    runId,
    name: id,
    model: `m-${id}`,
    createdAt: at(minute),
    summary: { exactMatch: { n: exact[0], d: exact[1], value: exact[1] ? exact[0] / exact[1] : null }, falseToolCallRate: { n: falseCalls[0], d: falseCalls[1], value: falseCalls[1] ? falseCalls[0] / falseCalls[1] : null } },
  });

  it("picks the highest exact match per run, whichever is newer", () => {
    const best = bestEvalByRun([ev("old-good", "r1", [90, 100], [0, 10], 1), ev("new-worse", "r1", [80, 100], [0, 10], 9), ev("only", "r2", [3, 4])]);
    expect(best.get("r1")).toMatchObject({ id: "old-good", exactMatch: { n: 90, d: 100, value: 0.9 }, evals: 2 });
    expect(best.get("r2")).toMatchObject({ id: "only", exactMatch: { value: 0.75 }, evals: 1 });
  });

  it("breaks a tie by the lower false-tool-call rate, then the larger sample, then the newer eval", () => {
    expect(bestEvalByRun([ev("more-false", "r", [8, 10], [3, 10]), ev("less-false", "r", [8, 10], [1, 10])]).get("r")!.id).toBe("less-false");
    expect(bestEvalByRun([ev("small", "r", [4, 5]), ev("large", "r", [80, 100])]).get("r")!.id).toBe("large");
    expect(bestEvalByRun([ev("older", "r", [8, 10], [0, 10], 1), ev("newer", "r", [8, 10], [0, 10], 2)]).get("r")!.id).toBe("newer");
  });

  it("ranks an eval with nothing scored last, and leaves out a run whose evals scored nothing", () => {
    expect(bestEvalByRun([ev("empty", "r", [0, 0]), ev("zero", "r", [0, 10])]).get("r")!.id).toBe("zero");
    expect(bestEvalByRun([ev("empty", "r", [0, 0])]).has("r")).toBe(false);
    expect(bestEvalByRun([]).size).toBe(0);
  });
});

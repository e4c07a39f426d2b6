import { describe, expect, it } from "vitest";
import { dataSteps } from "@/components/datasets/data-steps";
import type { ProjectStatsDto } from "@/lib/schemas/stats";

const ratio = (decisions: number) => ({ decisions, noTool: 0, toolCalls: decisions, ratio: null, band: "empty" as const, advice: "" });
function stats(t: Partial<ProjectStatsDto["totals"]>, split: { train?: number; unassigned?: number } = {}): Pick<ProjectStatsDto, "totals" | "perSplit"> {
  return {
    totals: { examples: 0, draft: 0, labelled: 0, reviewed: 0, invalid: 0, unlabelled: 0, needsReason: 0, ...t },
    perSplit: { train: ratio(split.train ?? 0), validation: ratio(0), gold: ratio(0), unassigned: ratio(split.unassigned ?? 0) },
  };
}
const states = (s: ReturnType<typeof dataSteps>) => s.map((x) => `${x.id}:${x.state}`);

describe("the Data tab's steps", () => {
  it("starts at Import in an empty project", () => {
    expect(states(dataSteps(stats({})))).toEqual(["import:next", "split:todo", "health:todo", "export:todo"]);
    expect(states(dataSteps(undefined))[0]).toBe("import:next");
  });

  it("asks for the split once examples are in, and says how many wait", () => {
    const s = dataSteps(stats({ examples: 20_000, labelled: 19_000 }, { unassigned: 19_000 }));
    expect(states(s)).toEqual(["import:done", "split:next", "health:done", "export:todo"]);
    expect(s[0].detail).toBe("20,000 examples in the project");
    expect(s[1].detail).toBe("train, validation and gold to make");
  });

  it("marks the split done only when no labelled decision is left outside a split", () => {
    const partly = dataSteps(stats({ examples: 100, labelled: 100 }, { train: 80, unassigned: 1_200 }));
    expect(partly[1]).toMatchObject({ state: "next", detail: "1,200 labelled decisions not in a split yet" });
    const whole = dataSteps(stats({ examples: 100, labelled: 100 }, { train: 80 }));
    expect(states(whole)).toEqual(["import:done", "split:done", "health:done", "export:next"]);
    expect(whole[3].detail).toBe("train data ready to download");
  });

  it("puts Health next while examples are invalid or lack a reason", () => {
    const s = dataSteps(stats({ examples: 100, labelled: 90, reviewed: 10, invalid: 3, needsReason: 2 }, { train: 100 }));
    expect(s[2]).toMatchObject({ state: "next", detail: "5 examples to fix" });
  });
});

import { describe, expect, it } from "vitest";
import type { CheckpointDto } from "@/lib/schemas/runs";
import type { EvalDto } from "@/lib/schemas/evals";
import { runTitle, tagCounts, tagsFromText } from "@/components/runs/labels";
import { checkpointColumns, evalsByModel } from "@/components/runs/checkpoints";

describe("run names and tags on screen", () => {
  it("titles a run by its name, else by the end of its id", () => {
    expect(runTitle({ id: "cmrun0000000abc123", name: "Baseline" })).toBe("Baseline");
    expect(runTitle({ id: "cmrun0000000abc123", name: null })).toBe("Run abc123");
  });

  it("reads the tags field as comma-separated tags, normalised like the server does", () => {
    expect(tagsFromText("Baseline, LoRA r16 ,, baseline,")).toEqual(["baseline", "lora-r16"]);
    expect(tagsFromText("   ")).toEqual([]);
  });

  it("counts each tag over the runs, most used first and then by name", () => {
    expect(tagCounts([{ tags: ["b", "a"] }, { tags: ["a"] }, { tags: [] }, { tags: ["c", "b"] }])).toEqual([
      { tag: "a", runs: 2 },
      { tag: "b", runs: 2 },
      { tag: "c", runs: 1 },
    ]);
  });
});

const cp = (step: number, metrics: Record<string, number | null>, model = `ft:m:ckpt-step-${step}`): CheckpointDto => ({ id: `cp-${step}`, step, model, metrics, createdAt: "2026-01-01T00:00:00Z" });

describe("checkpointColumns", () => {
  it("makes one column per reported metric, losses first in a fixed order, then a backend's own metrics by name", () => {
    const cols = checkpointColumns([
      cp(10, { step: 10, valid_mean_token_accuracy: 0.8, train_loss: 0.5, zeta_score: 1 }),
      cp(20, { step: 20, full_valid_loss: 0.41, valid_loss: 0.4, alpha_loss: 2, valid_mean_token_accuracy: null }),
    ]);
    expect(cols.map((c) => c.key)).toEqual(["train_loss", "valid_loss", "full_valid_loss", "valid_mean_token_accuracy", "alpha_loss", "zeta_score"]);
    expect(cols.find((c) => c.key === "alpha_loss")).toEqual({ key: "alpha_loss", label: "alpha loss", loss: true });
    expect(cols.find((c) => c.key === "zeta_score")!.loss).toBe(false);
  });

  it("leaves out a metric that no checkpoint has a value for, and the step", () => {
    expect(checkpointColumns([cp(1, { step: 1, train_loss: null, valid_loss: 0.3 })]).map((c) => c.key)).toEqual(["valid_loss"]);
    expect(checkpointColumns([])).toEqual([]);
  });
});

describe("evalsByModel", () => {
  const ev = (id: string, model: string, exact: [number, number], status = "succeeded", createdAt = "2026-01-01T00:00:00Z") =>
    ({ id, model, status, createdAt, summary: { exactMatch: { n: exact[0], d: exact[1], value: exact[1] ? exact[0] / exact[1] : null } } }) as unknown as EvalDto;

  it("keeps each model's finished eval with the best exact match, the newer on a tie", () => {
    const best = evalsByModel([
      ev("a1", "ckpt-1", [5, 10]),
      ev("a2", "ckpt-1", [7, 10]),
      ev("a3", "ckpt-1", [9, 10], "running"),
      ev("b-old", "ckpt-2", [6, 10], "succeeded", "2026-01-01T00:00:00Z"),
      ev("b-new", "ckpt-2", [6, 10], "succeeded", "2026-01-02T00:00:00Z"),
      ev("c", "ckpt-3", [0, 0]),
    ]);
    expect(best.get("ckpt-1")!.id).toBe("a2");
    expect(best.get("ckpt-2")!.id).toBe("b-new");
    expect(best.has("ckpt-3")).toBe(false);
  });
});

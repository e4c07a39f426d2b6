import { describe, expect, it } from "vitest";
import { describeAction, previewText } from "@/components/examples/BulkBar";

const result = (
  over: Partial<{ matched: number; changed: number; unchanged: number; unlabelled: number; invalid: number; tooManyTags: number }>,
) => ({
  matched: over.matched ?? 0,
  changed: over.changed ?? 0,
  unchanged: over.unchanged ?? 0,
  skipped: { unlabelled: over.unlabelled ?? 0, invalid: over.invalid ?? 0, tooManyTags: over.tooManyTags ?? 0 },
  dryRun: true,
  changeId: null,
});

describe("the bulk bar's words", () => {
  it("names each action", () => {
    expect(describeAction({ kind: "split", split: "train" })).toBe("set split to train");
    expect(describeAction({ kind: "review", reviewState: "reviewed" })).toBe("mark reviewed");
    expect(describeAction({ kind: "addTag", tag: "hard" })).toBe('add tag "hard"');
    expect(describeAction({ kind: "removeTag", tag: "hard" })).toBe('remove tag "hard"');
    expect(describeAction({ kind: "trash" })).toBe("move to the trash");
  });

  it("says before the change how many it changes, how many are already so, and why any are skipped", () => {
    expect(previewText({ kind: "split", split: "train" }, result({ matched: 19047, changed: 15000, unchanged: 4047 }))).toBe(
      "15,000 of 19,047 will change · 4,047 already as asked",
    );
    expect(previewText({ kind: "review", reviewState: "reviewed" }, result({ matched: 10, changed: 7, unlabelled: 2, invalid: 1 }))).toBe(
      "7 of 10 will change · 2 skipped: no target yet · 1 skipped: invalid",
    );
    expect(previewText({ kind: "trash" }, result({ matched: 5000, changed: 5000 }))).toBe("5,000 of 5,000 will move to the trash");
  });
});

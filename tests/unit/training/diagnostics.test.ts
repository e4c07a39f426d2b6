import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diagnoseCurve, type Diagnostic } from "@/lib/training/diagnostics";
import { parseResultsCsv } from "@/lib/training/results-csv";
import { emptyPoint } from "@/lib/training/types";
import { decayCurve, expected, stepWithin, toPoints, withSpikes, type DecaySpec } from "./curves";

const kinds = (d: Diagnostic[]) => d.map((x) => x.kind);
const find = (d: Diagnostic[], kind: Diagnostic["kind"]) => {
  const hit = d.find((x) => x.kind === kind);
  if (!hit) throw new Error(`expected a "${kind}" diagnostic, got ${JSON.stringify(kinds(d))}`);
  return hit;
};

/** A healthy run: 2.5 → 0.35 with a time constant of 40 steps, ±8% batch noise. */
const clean: DecaySpec = { steps: 300, start: 2.5, floor: 0.35, tau: 40, noise: 0.08, seed: 1 };

describe("the cookbook's drone run (309 steps, 3 epochs of 103, batch size 1, no validation file)", () => {
  const points = parseResultsCsv(readFileSync(path.join(import.meta.dirname, "fixtures", "drone_ftjob_result_file.csv")));
  const d = diagnoseCurve(points, { stepsPerEpoch: 103, nEpochs: 3 });

  it("is decreasing, spiky and near zero: it memorised its training set within the first epoch", () => {
    expect(kinds(d)).toEqual(["decreasing", "spikes", "tiny_loss"]);
    expect(find(d, "decreasing").severity).toBe("good");
  });

  it("counts 35 spikes from step 21: single examples it still gets wrong amid steps of 0.0 loss", () => {
    const spikes = find(d, "spikes");
    expect(spikes).toMatchObject({ severity: "warn", fromStep: 21 });
    expect(spikes.title).toMatch(/^35 loss spikes/);
    expect(spikes.detail).toContain("At steps 21, 23, 27,");
  });

  it("says the typical step is below 0.01 from step 25 (epoch 0.24), with no validation loss to check against", () => {
    const tiny = find(d, "tiny_loss");
    expect(tiny).toMatchObject({ severity: "warn", fromStep: 25 });
    expect(tiny.fromEpoch).toBeCloseTo(25 / 103, 6);
    expect(tiny.detail).toContain("no validation loss");
  });
});

describe("a clean decreasing curve", () => {
  const shapes: [string, Partial<DecaySpec>][] = [
    ["moderate", {}],
    ["fast decay, noisier", { tau: 12, noise: 0.15 }],
    ["slow decay, short run", { tau: 120, steps: 200 }],
    ["long run", { steps: 3000, tau: 400 }],
  ];
  it.each(shapes)("gives only 'decreasing' (%s, 50 seeds, with and without a validation curve)", (_, shape) => {
    for (let seed = 1; seed <= 50; seed++) {
      const spec = { ...clean, ...shape, seed };
      const valid = decayCurve({ ...spec, floor: 0.5, noise: 0.05, seed: seed + 1000 });
      expect(kinds(diagnoseCurve(toPoints({ train: decayCurve(spec) }))), `seed ${seed}`).toEqual(["decreasing"]);
      expect(kinds(diagnoseCurve(toPoints({ train: decayCurve(spec), valid }))), `seed ${seed}`).toEqual(["decreasing"]);
    }
  });

  it("says how far it fell", () => {
    expect(find(diagnoseCurve(toPoints({ train: decayCurve(clean) })), "decreasing").detail).toMatch(
      /^It fell from about 2\.\d\d to 0\.3\d\d \(−8\d%\) over 300 steps\.$/,
    );
  });
});

describe("plateau (learning rate too low)", () => {
  it("flags a flat curve from its first steps, and not as decreasing", () => {
    const d = diagnoseCurve(toPoints({ train: decayCurve({ ...clean, start: 2, floor: 2 }) }));
    expect(kinds(d)).toEqual(["plateau"]);
    expect(d[0].fromStep).toBeLessThanOrEqual(15);
  });

  // ±20 steps: the curve creeps into the 10% band slowly, so ±8% noise moves the crossing.
  it("flags a curve that stalls early well above its start, from where it enters the plateau (±20 steps)", () => {
    const spec = { ...clean, start: 2.5, floor: 1.9, tau: 25 };
    for (let seed = 1; seed <= 20; seed++) {
      const d = diagnoseCurve(toPoints({ train: decayCurve({ ...spec, seed }) }));
      expect(kinds(d), `seed ${seed}`).toEqual(["plateau"]);
      expect(Math.abs(d[0].fromStep! - stepWithin(spec, 0.1)), `seed ${seed}`).toBeLessThanOrEqual(20);
    }
  });

  it("does not flag a curve that converged far below its start, nor one still improving", () => {
    expect(kinds(diagnoseCurve(toPoints({ train: decayCurve({ ...clean, tau: 10 }) })))).toEqual(["decreasing"]);
    expect(kinds(diagnoseCurve(toPoints({ train: decayCurve({ ...clean, start: 2.5, floor: 1.5, tau: 300 }) })))).toEqual(["decreasing"]);
  });
});

describe("spikes (learning rate too high)", () => {
  it("counts a spike train (×4 every 25 steps from step 40) and names the first", () => {
    const d = diagnoseCurve(toPoints({ train: withSpikes(decayCurve(clean), 40, 25, 4) }));
    expect(kinds(d)).toEqual(["decreasing", "spikes"]);
    expect(find(d, "spikes")).toMatchObject({ severity: "warn", fromStep: 40, title: "11 loss spikes: learning rate may be too high" });
  });

  it("calls a single spike information, not a warning", () => {
    const d = diagnoseCurve(toPoints({ train: withSpikes(decayCurve(clean), 150, 1000, 5) }));
    expect(find(d, "spikes")).toMatchObject({ severity: "info", fromStep: 150, title: "One loss spike" });
  });
});

describe("overfitting", () => {
  const train: DecaySpec = { steps: 400, start: 2.5, floor: 0.1, tau: 40, noise: 0.08, seed: 5 };
  const valid: DecaySpec = { steps: 400, start: 2.6, floor: 0.6, tau: 30, noise: 0.05, seed: 6, turnStep: 200, slope: 0.002 };
  const opts = { stepsPerEpoch: 80, nEpochs: 5 };

  // The noiseless minimum is at step 200, but the curve is within 2% of it from step ~155 (its decay is
  // over), so with ±5% noise the smoothed minimum lands anywhere on that flat floor: steps 150–210.
  it("finds where the per-step validation loss turns up (the floor before step 200) while training loss falls", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const points = toPoints({
        train: decayCurve({ ...train, seed }),
        valid: decayCurve({ ...valid, seed: seed + 100 }),
        stepsPerEpoch: 80,
      });
      const d = diagnoseCurve(points, opts);
      expect(kinds(d), `seed ${seed}`).toEqual(["decreasing", "overfitting"]);
      const o = find(d, "overfitting");
      expect(o.fromStep, `seed ${seed}`).toBeGreaterThanOrEqual(150);
      expect(o.fromStep, `seed ${seed}`).toBeLessThanOrEqual(210);
      expect(o.fromEpoch).toBeCloseTo(o.fromStep! / 80, 9);
    }
  });

  it("uses the full validation loss at epoch ends when there is one, and suggests that many epochs", () => {
    const fullValid = [1, 2, 3, 4, 5].map((e) => expected(valid, e * 80)); // 0.75, 0.62, 0.68, 0.82, 1.0
    const d = diagnoseCurve(toPoints({ train: decayCurve(train), fullValid, stepsPerEpoch: 80 }), opts);
    expect(find(d, "overfitting")).toMatchObject({ fromStep: 160, fromEpoch: 2, severity: "warn" });
    expect(find(d, "overfitting").detail).toContain("Use the checkpoint nearest epoch 2, or train for 2 epochs instead of 5.");
  });

  it("does not call it overfitting when training loss rises too (that is divergence)", () => {
    const rising = decayCurve(train).map((v, i) => v + Math.max(0, i - 200) * 0.01);
    expect(kinds(diagnoseCurve(toPoints({ train: rising, valid: decayCurve(valid) })))).not.toContain("overfitting");
  });

  it("works on a live run: nothing before the turn, overfitting once the rise shows", () => {
    const full = toPoints({ train: decayCurve(train), valid: decayCurve(valid), stepsPerEpoch: 80 });
    expect(kinds(diagnoseCurve(full.slice(0, 190), opts))).toEqual(["decreasing"]);
    expect(find(diagnoseCurve(full.slice(0, 300), opts), "overfitting").fromStep).toBeGreaterThan(180);
  });
});

describe("tiny loss", () => {
  const tiny: DecaySpec = { ...clean, floor: 0.002 };

  it("warns when the training loss goes below 0.01 (from step 230 ±15) with nothing to check it against", () => {
    const d = diagnoseCurve(toPoints({ train: decayCurve(tiny) }));
    expect(kinds(d)).toEqual(["decreasing", "tiny_loss"]);
    expect(find(d, "tiny_loss").severity).toBe("warn");
    expect(Math.abs(find(d, "tiny_loss").fromStep! - stepWithin(tiny, 4))).toBeLessThanOrEqual(15);
  });

  it("is information when a validation loss is there to compare with", () => {
    const d = diagnoseCurve(toPoints({ train: decayCurve(tiny), valid: decayCurve({ ...clean, seed: 9 }) }));
    expect(find(d, "tiny_loss").severity).toBe("info");
  });
});

describe("partial and odd input", () => {
  it("says 'too few points' until there are 10 training losses", () => {
    expect(diagnoseCurve([])).toEqual([
      expect.objectContaining({ kind: "too_few_points", detail: expect.stringContaining("0 training steps") }),
    ]);
    const nine = toPoints({ train: decayCurve(clean).slice(0, 9) });
    expect(kinds(diagnoseCurve(nine))).toEqual(["too_few_points"]);
    expect(kinds(diagnoseCurve(toPoints({ train: decayCurve(clean).slice(0, 10) })))).not.toContain("too_few_points");
  });

  it("counts only measured training losses (nulls are not points)", () => {
    const points = Array.from({ length: 30 }, (_, i) => emptyPoint(i + 1));
    points[3].trainLoss = 1;
    expect(kinds(diagnoseCurve(points))).toEqual(["too_few_points"]);
  });

  it("does not depend on the order of the points", () => {
    const points = toPoints({ train: withSpikes(decayCurve(clean), 40, 25, 4) });
    expect(diagnoseCurve([...points].reverse())).toEqual(diagnoseCurve(points));
  });
});

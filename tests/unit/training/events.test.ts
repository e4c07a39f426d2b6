import type { FineTuningJobEvent } from "openai/resources/fine-tuning/jobs";
import { describe, expect, it } from "vitest";
import { epochOf, metricPointFromEvent, metricPointsFromEvents, totalStepsOfEvent } from "@/lib/training/events";

function metrics(data: Record<string, unknown>, id = "ftevent-1"): FineTuningJobEvent {
  return {
    object: "fine_tuning.job.event",
    id,
    created_at: 1718580900,
    level: "info",
    message: `Step ${String(data.step)}/309: training loss=…`,
    type: "metrics",
    data,
  };
}

describe("metricPointFromEvent", () => {
  it("converts every field of a metrics event", () => {
    const point = metricPointFromEvent(
      metrics({
        step: 103,
        total_steps: 309,
        train_loss: 0.25,
        train_mean_token_accuracy: 0.9,
        valid_loss: 0.31,
        valid_mean_token_accuracy: 0.88,
        full_valid_loss: 0.3,
        full_valid_mean_token_accuracy: 0.89,
        epoch: 1,
        learning_rate: 2e-5,
      }),
    );
    expect(point).toEqual({
      step: 103,
      epoch: 1,
      trainLoss: 0.25,
      validLoss: 0.31,
      fullValidLoss: 0.3,
      trainAccuracy: 0.9,
      validAccuracy: 0.88,
      fullValidAccuracy: 0.89,
      learningRate: 2e-5,
    });
  });

  it("leaves absent and null values null, never 0 (full validation is only logged at epoch ends)", () => {
    const point = metricPointFromEvent(
      metrics({ step: 5, total_steps: 309, train_loss: 1.2, train_mean_token_accuracy: 0.7, valid_loss: null }),
    );
    expect(point).toMatchObject({
      step: 5,
      trainLoss: 1.2,
      validLoss: null,
      fullValidLoss: null,
      fullValidAccuracy: null,
      epoch: null,
      learningRate: null,
    });
  });

  it("keeps a logged 0 loss as 0", () => {
    expect(metricPointFromEvent(metrics({ step: 300, train_loss: 0 }))?.trainLoss).toBe(0);
  });

  it("derives the epoch from total_steps and the job's n_epochs when the event has none", () => {
    expect(metricPointFromEvent(metrics({ step: 103, total_steps: 309, train_loss: 1 }), { nEpochs: 3 })?.epoch).toBe(1);
    expect(metricPointFromEvent(metrics({ step: 103, total_steps: 309, train_loss: 1, epoch: 0.9 }), { nEpochs: 3 })?.epoch).toBe(0.9);
  });

  it("returns null for message events and for metrics events without a whole-number step", () => {
    expect(metricPointFromEvent({ type: "message", data: {} })).toBeNull();
    expect(metricPointFromEvent({ type: "metrics", data: { train_loss: 1 } })).toBeNull();
    expect(metricPointFromEvent({ type: "metrics", data: { step: "3" } })).toBeNull();
    expect(metricPointFromEvent({ type: "metrics", data: null })).toBeNull();
    expect(metricPointFromEvent({ type: "metrics" })).toBeNull();
  });

  it("reads non-numeric values as not measured", () => {
    expect(metricPointFromEvent(metrics({ step: 1, train_loss: "1.5", valid_loss: Number.NaN }))).toMatchObject({
      trainLoss: null,
      validLoss: null,
    });
  });
});

describe("epochOf", () => {
  it("spreads steps evenly over epochs", () => {
    expect(epochOf(103, 309, 3)).toBe(1);
    expect(epochOf(309, 309, 3)).toBe(3);
    expect(epochOf(50, 100, 4)).toBe(2);
  });

  it.each([
    [1, 0, 3],
    [1, 309, 0],
    [1, Number.NaN, 3],
    [Number.POSITIVE_INFINITY, 309, 3],
  ])("is null for step %s of %s over %s epochs", (step, total, epochs) => {
    expect(epochOf(step, total, epochs)).toBeNull();
  });
});

describe("metricPointsFromEvents", () => {
  it("keeps metrics only, one point per step (the newest event, listed first), sorted by step", () => {
    const events = [
      metrics({ step: 3, train_loss: 0.5 }, "e4"),
      { type: "message" as const, data: {} },
      metrics({ step: 2, train_loss: 0.9 }, "e3"),
      metrics({ step: 2, train_loss: 9 }, "e2"),
      metrics({ step: 1, train_loss: 1.5 }, "e1"),
    ];
    expect(metricPointsFromEvents(events).map((p) => [p.step, p.trainLoss])).toEqual([
      [1, 1.5],
      [2, 0.9],
      [3, 0.5],
    ]);
  });
});

describe("totalStepsOfEvent", () => {
  it("reads total_steps of a metrics event only", () => {
    expect(totalStepsOfEvent(metrics({ step: 1, total_steps: 309 }))).toBe(309);
    expect(totalStepsOfEvent({ type: "message", data: { total_steps: 309 } })).toBeNull();
  });
});

describe("DPO metrics events", () => {
  it("reads TRL's reward keys into the DPO fields, and leaves an SFT point without them", () => {
    const dpo = metricPointFromEvent({
      type: "metrics",
      data: {
        step: 4,
        total_steps: 10,
        train_loss: 0.61,
        "rewards/chosen": 0.3,
        "rewards/rejected": -0.2,
        "rewards/margins": 0.5,
        "rewards/accuracies": 0.75,
        "valid_rewards/margins": 0.4,
      },
    });
    expect(dpo).toMatchObject({
      step: 4,
      trainLoss: 0.61,
      rewardsChosen: 0.3,
      rewardsRejected: -0.2,
      rewardsMargins: 0.5,
      rewardsAccuracy: 0.75,
      validRewardsMargins: 0.4,
    });
    expect(dpo).not.toHaveProperty("validRewardsAccuracy");
    const sft = metricPointFromEvent({ type: "metrics", data: { step: 1, train_loss: 1.2 } });
    expect(Object.keys(sft!).some((k) => k.startsWith("rewards") || k.startsWith("validRewards"))).toBe(false);
  });
});

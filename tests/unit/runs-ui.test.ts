import { describe, expect, it } from "vitest";
import { mergeMetricPoints } from "@/lib/queries/runs";
import { loraSchema, type BackendInfo, type MetricPointDto } from "@/lib/schemas/runs";
import { prepareLossSeries } from "@/lib/training/prepare";
import { emptyPoint } from "@/lib/training/types";
import { lineSpecs, rowsOf, xAxisOf } from "@/components/runs/chart-lines";
import { etaMs, formatDuration, formatLoss, loraSummary, preparingText, remoteNote, statusTone } from "@/components/runs/labels";
import { EMPTY_FORM, buildRunCreate, type RunForm } from "@/components/runs/run-form";
import { EMPTY_LORA, LORA_PRESETS, applyLoraPreset, loraBody, loraPresetOf, suggestedMaxSeqLength, type LoraInput } from "@/components/runs/lora-form";
import { CHECKPOINTS_SHOWN, bestCheckpoint, visibleCheckpoints } from "@/components/runs/checkpoints";

const point = (step: number, trainLoss: number | null, validLoss: number | null = null): MetricPointDto => ({
  ...emptyPoint(step),
  trainLoss,
  validLoss,
});

describe("mergeMetricPoints", () => {
  it("appends a page of newer points to the points already held", () => {
    const held = [point(1, 3), point(2, 2)];
    expect(mergeMetricPoints(held, [point(3, 1.5), point(4, 1)]).map((p) => p.step)).toEqual([1, 2, 3, 4]);
  });
  it("keeps the held array when a poll brings nothing new", () => {
    const held = [point(1, 3)];
    expect(mergeMetricPoints(held, [])).toBe(held);
  });
  it("replaces a step the server sends again and keeps steps sorted", () => {
    const merged = mergeMetricPoints([point(1, 3), point(2, 2), point(3, 1)], [point(2, 2.5, 2.7), point(4, 0.9)]);
    expect(merged.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(merged[1]).toMatchObject({ trainLoss: 2.5, validLoss: 2.7 });
  });
});

describe("chart lines", () => {
  const points = [1, 2, 3, 4, 5, 40, 41, 42].map((s) => point(s, 10 - s / 10, s % 2 === 0 ? 9 - s / 10 : null));
  const chart = prepareLossSeries([{ id: "r1", label: "r1", points }], {
    x: "step",
    smoothing: 0,
    logScale: false,
    series: ["train", "valid"],
  });

  it("gives each series only its own measured x values, so connectNulls={false} never shreds a line", () => {
    const valid = chart.series.find((s) => s.series === "valid")!;
    const rows = rowsOf(chart.rows, valid);
    expect(rows.filter((r) => r[valid.key] !== null).map((r) => r.x)).toEqual([2, 4, 40, 42]);
  });
  it("puts one null row inside a logging gap, so the line breaks there instead of bridging it", () => {
    const train = chart.series.find((s) => s.series === "train")!;
    expect(train.gaps).toEqual([[5, 40]]);
    const rows = rowsOf(chart.rows, train);
    const gapRow = rows.find((r) => r.x > 5 && r.x < 40);
    expect(gapRow).toEqual({ x: 22.5, [train.key]: null, [train.rawKey]: null });
    expect(rows).toHaveLength(9);
  });
  it("draws validation dashed and colours by run in overlays", () => {
    const specs = lineSpecs(chart, { kind: "run", colourOf: () => "#123456" });
    expect(specs.map((s) => [s.info.series, s.dashed, s.colour])).toEqual([
      ["train", false, "#123456"],
      ["valid", true, "#123456"],
    ]);
  });
});

describe("xAxisOf", () => {
  it("puts step ticks on round numbers", () => {
    expect(xAxisOf([1, 153], "step")).toEqual({ domain: [1, 153], ticks: [20, 40, 60, 80, 100, 120, 140] });
  });
  it("starts the epoch axis at a whole epoch with whole-epoch ticks", () => {
    expect(xAxisOf([0.02, 4], "epoch")).toEqual({ domain: [0, 4], ticks: [0, 1, 2, 3, 4] });
  });
  it("uses fractions of an epoch while the first epochs run", () => {
    expect(xAxisOf([0.02, 0.4], "epoch").ticks).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]);
  });
});

describe("buildRunCreate", () => {
  const backends: BackendInfo[] = [
    { id: "openai", label: "OpenAI", configured: true, missing: [], baseModels: ["gpt-4.1-mini", "gpt-4o-mini"], costNote: "" },
    { id: "gpu", label: "GPU box", configured: false, missing: ["TOOLTUNE_GPU_URL"], baseModels: [], costNote: "" },
  ];
  const withHyper = (k: keyof RunForm["hyper"], text: string): RunForm => ({
    ...EMPTY_FORM,
    hyper: { ...EMPTY_FORM.hyper, [k]: { auto: false, text } },
  });

  it("defaults to the first configured backend and its first model, everything auto", () => {
    const { body, errors } = buildRunCreate(EMPTY_FORM, backends);
    expect(errors).toEqual({});
    expect(body).toEqual({
      backend: "openai",
      baseModel: "gpt-4.1-mini",
      hyperparameters: { n_epochs: "auto", batch_size: "auto", learning_rate_multiplier: "auto" },
      suffix: "",
      seed: null,
    });
  });
  it("sends numbers within OpenAI's limits and names the field of one outside them", () => {
    expect(buildRunCreate(withHyper("n_epochs", "4"), backends).body.hyperparameters?.n_epochs).toBe(4);
    expect(buildRunCreate(withHyper("n_epochs", "51"), backends).errors["hyperparameters.n_epochs"]).toMatch(/at most 50/);
    expect(buildRunCreate(withHyper("learning_rate_multiplier", "0"), backends).errors["hyperparameters.learning_rate_multiplier"]).toMatch(
      /above 0/,
    );
  });
  it("asks for a number when a non-auto field is empty", () => {
    expect(buildRunCreate(withHyper("batch_size", ""), backends).errors["hyperparameters.batch_size"]).toMatch(/enter a number/);
  });
  it("rejects a fractional seed and an unconfigured backend with what to set", () => {
    expect(buildRunCreate({ ...EMPTY_FORM, seed: "1.5" }, backends).errors.seed).toMatch(/whole number/);
    expect(buildRunCreate({ ...EMPTY_FORM, backend: "gpu" }, backends).errors.backend).toMatch(/TOOLTUNE_GPU_URL/);
  });
});

describe("LoRA settings for the GPU agent", () => {
  const gpu: BackendInfo[] = [{ id: "gpu", label: "GPU box", configured: true, missing: [], baseModels: ["unsloth/Qwen2.5-0.5B-Instruct"], costNote: "" }];
  it("suggests a max_seq_length that fits the longest example with headroom", () => {
    expect(suggestedMaxSeqLength(null)).toBe(2048);
    expect(suggestedMaxSeqLength(300)).toBe(512);
    expect(suggestedMaxSeqLength(450)).toBe(1024); // 450 × 1.15 > 512
    expect(suggestedMaxSeqLength(3000)).toBe(4096);
    expect(suggestedMaxSeqLength(10_000_000)).toBe(32_768);
  });
  it("sends the defaults for small models on the GPU backend, and none on OpenAI", () => {
    const { body, errors } = buildRunCreate({ ...EMPTY_FORM, backend: "gpu" }, gpu, 700);
    expect(errors).toEqual({});
    expect(body.lora).toMatchObject({ r: 16, lora_alpha: 16, load_in_4bit: true, max_seq_length: 1024, max_steps: null, target_modules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] });
    expect(buildRunCreate(EMPTY_FORM, [{ ...gpu[0], id: "openai", label: "OpenAI" }]).body.lora).toBeUndefined();
  });
  it("takes the batch size from the hyperparameters, and refuses two different ones", () => {
    const form: RunForm = { ...EMPTY_FORM, backend: "gpu", hyper: { ...EMPTY_FORM.hyper, batch_size: { auto: false, text: "4" } } };
    expect(buildRunCreate(form, gpu).body.lora?.per_device_train_batch_size).toBe(4);
    const twice: RunForm = { ...form, lora: { ...EMPTY_FORM.lora, numbers: { ...EMPTY_FORM.lora.numbers, per_device_train_batch_size: "8" } } };
    expect(buildRunCreate(twice, gpu).errors["lora.per_device_train_batch_size"]).toMatch(/set twice/);
  });
  it("pins a GPU pool run to the chosen agent, and sends no agent without a pool or a choice", () => {
    const pool: BackendInfo[] = [{ ...gpu[0], agents: [{ id: "ag1", name: "box-a", online: true, busy: 0, slots: 1, baseModels: gpu[0].baseModels }] }];
    expect(buildRunCreate({ ...EMPTY_FORM, backend: "gpu", agentId: "ag1" }, pool).body.agentId).toBe("ag1");
    expect(buildRunCreate({ ...EMPTY_FORM, backend: "gpu" }, pool).body.agentId).toBeUndefined();
    expect(buildRunCreate({ ...EMPTY_FORM, backend: "gpu", agentId: "ag1" }, gpu).body.agentId).toBeUndefined();
  });
  it("summarises a run's LoRA settings on one line", () => {
    const { body } = buildRunCreate({ ...EMPTY_FORM, backend: "gpu" }, gpu, 700);
    expect(loraSummary(loraSchema.parse(body.lora))).toBe("r 16 · alpha 16 · dropout 0 · 4-bit · seq 1024 · lr 0.0002 · batch 2×4 · 7 modules · save lora");
  });
  it("names the LoRA field that is out of range", () => {
    const form: RunForm = { ...EMPTY_FORM, backend: "gpu", lora: { ...EMPTY_FORM.lora, numbers: { ...EMPTY_FORM.lora.numbers, r: "0", lora_dropout: "0.95" }, target_modules: " " } };
    const { errors } = buildRunCreate(form, gpu);
    expect(errors["lora.r"]).toMatch(/at least 1/);
    expect(errors["lora.lora_dropout"]).toMatch(/at most 0.9/);
    expect(errors["lora.target_modules"]).toMatch(/at least one module/);
  });
});

describe("run labels", () => {
  it("shows statuses the API does not define as given, in amber", () => {
    expect(statusTone("succeeded")).toBe("ok");
    expect(statusTone("paused")).toBe("warn");
    expect(remoteNote({ status: "running", remoteStatus: "paused" })).toBe("paused");
    expect(remoteNote({ status: "validating", remoteStatus: "validating_files" })).toBeNull();
  });
  it("estimates time left from the backend's estimate, else from the step rate", () => {
    const now = Date.parse("2026-01-01T00:10:00Z");
    expect(etaMs({ estimatedFinish: "2026-01-01T00:15:00Z", startedAt: null, currentStep: null, totalSteps: null }, now)).toBe(300_000);
    expect(etaMs({ estimatedFinish: null, startedAt: "2026-01-01T00:00:00Z", currentStep: 100, totalSteps: 300 }, now)).toBe(1_200_000);
    expect(etaMs({ estimatedFinish: null, startedAt: "2026-01-01T00:00:00Z", currentStep: null, totalSteps: 300 }, now)).toBeNull();
  });
  it("says how far the worker is with the run's files until they are frozen", () => {
    expect(preparingText({ status: "validating", preparing: { written: 1_200, total: 5_000 } })).toBe("preparing files (1,200 of 5,000 examples)");
    expect(preparingText({ status: "queued", preparing: { written: 0, total: null } })).toBe("preparing files");
    expect(preparingText({ status: "failed", preparing: { written: 0, total: null } })).toBeNull();
    expect(preparingText({ status: "running", preparing: null })).toBeNull();
  });
  it("formats losses and durations compactly", () => {
    expect(formatLoss(0.0123456)).toBe("0.01235");
    expect(formatLoss(null)).toBe("—");
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(65 * 60_000)).toBe("1 h 05 min");
  });
});

describe("checkpoints in the result panel", () => {
  const cp = (step: number, valid: number | null, full: number | null = null) => ({
    id: `c${step}`,
    step,
    model: `ft:m:ckpt-step-${step}`,
    metrics: { step, train_loss: 1, valid_loss: valid, full_valid_loss: full },
    createdAt: "2026-11-21T00:00:00Z",
  });

  it("marks the lowest validation loss, preferring the full validation loss, and only when there is a choice", () => {
    expect(bestCheckpoint([cp(3, 0.9), cp(6, 0.4), cp(9, 0.6)])?.step).toBe(6);
    expect(bestCheckpoint([cp(3, 0.2, 0.9), cp(6, 0.4, 0.5)])?.step).toBe(6);
    expect(bestCheckpoint([cp(3, 0.5), cp(6, null)])).toBeNull();
    expect(bestCheckpoint([cp(3, null), cp(6, null)])).toBeNull();
  });

  it("lists a few checkpoints oldest first in full, and many as the newest few plus the best", () => {
    expect(visibleCheckpoints([cp(9, 0.3), cp(3, 0.5), cp(6, 0.4)], false).map((c) => c.step)).toEqual([3, 6, 9]);
    const many = Array.from({ length: 14 }, (_, i) => cp(3 * (i + 1), i === 1 ? 0.1 : 1 - i / 100));
    expect(visibleCheckpoints(many, false).map((c) => c.step)).toEqual([6, 30, 33, 36, 39, 42]);
    expect(visibleCheckpoints(many, false)).toHaveLength(CHECKPOINTS_SHOWN + 1);
    expect(visibleCheckpoints(many, true)).toHaveLength(14);
    const improving = Array.from({ length: 8 }, (_, i) => cp(i + 1, 1 - i / 10));
    expect(visibleCheckpoints(improving, false).map((c) => c.step)).toEqual([4, 5, 6, 7, 8]);
  });
});


describe("LoRA presets", () => {
  it("fills rank, alpha, dropout, rate and modules, and keeps the other settings", () => {
    const edited: LoraInput = { ...EMPTY_LORA, numbers: { ...EMPTY_LORA.numbers, max_seq_length: "4096", per_device_train_batch_size: "4" }, load_in_4bit: false };
    const quality = LORA_PRESETS.find((p) => p.id === "quality")!;
    const form = applyLoraPreset(edited, quality);
    const body = loraBody(form, null);
    expect(body).toMatchObject({ r: 32, lora_alpha: 64, lora_dropout: 0.05, learning_rate: 1e-4, max_seq_length: 4096, per_device_train_batch_size: 4, load_in_4bit: false });
    expect(body.target_modules).toEqual(["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]);
    expect(loraSchema.safeParse(body).success).toBe(true);
    expect(loraPresetOf(form)).toBe("quality");
  });

  it("names the preset an untouched form is, and none once a preset value is edited", () => {
    expect(loraPresetOf(EMPTY_LORA)).toBe("balanced");
    const small = applyLoraPreset(EMPTY_LORA, LORA_PRESETS[0]);
    expect(loraPresetOf(small)).toBe("small");
    expect(loraBody(small, null).target_modules).toEqual(["q_proj", "k_proj", "v_proj", "o_proj"]);
    expect(loraPresetOf({ ...small, numbers: { ...small.numbers, r: "12" } })).toBeNull();
  });

  it("keeps every preset inside the settings the server accepts", () => {
    for (const p of LORA_PRESETS) expect(loraSchema.safeParse(loraBody(applyLoraPreset(EMPTY_LORA, p), null)).success, p.id).toBe(true);
  });
});

// Sweeps: a grid over run settings that starts one run per cell (lib/server/runs/sweeps.ts).
import { z } from "zod";
import type { EvalSummary } from "../scoring/types";
import { runCreateSchema, type RunDto } from "./runs";

/** The settings a sweep can vary, and how each is shown in a run's label. */
export const SWEEP_KEYS = {
  "hyperparameters.n_epochs": { label: "epochs", kind: "int" },
  "hyperparameters.batch_size": { label: "batch", kind: "int" },
  "hyperparameters.learning_rate_multiplier": { label: "lr ×", kind: "number" },
  "lora.r": { label: "r", kind: "int" },
  "lora.lora_alpha": { label: "alpha", kind: "number" },
  "lora.learning_rate": { label: "lr", kind: "number" },
  baseModel: { label: "model", kind: "text" },
  /** "backend|base model": the same data on the GPU pool and on a hosted service. */
  target: { label: "on", kind: "target" },
} as const;
export type SweepKey = keyof typeof SWEEP_KEYS;
export const SWEEP_KEY_NAMES = Object.keys(SWEEP_KEYS) as SweepKey[];

/** At most this many runs per sweep: each costs money or GPU time. */
export const MAX_SWEEP_RUNS = 24;

const value = z.union([z.number().finite(), z.string().trim().min(1).max(1000)]);

export const sweepAxisSchema = z.object({
  key: z.enum(SWEEP_KEY_NAMES as [SweepKey, ...SweepKey[]]),
  values: z.array(value).min(1, "give at least one value").max(8, "at most 8 values per setting"),
});
export type SweepAxis = z.infer<typeof sweepAxisSchema>;

export const sweepCreateSchema = z
  .object({
    name: z.string().trim().min(1, "name the sweep").max(80, "the name is at most 80 characters"),
    /** The settings every run shares; the axes override their keys. */
    base: runCreateSchema,
    axes: z.array(sweepAxisSchema).min(1, "vary at least one setting").max(3, "vary at most 3 settings"),
  })
  .superRefine((v, ctx) => {
    const keys = v.axes.map((a) => a.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: "custom", path: ["axes", i, "key"], message: `${SWEEP_KEYS[k].label} is varied twice` });
    });
    if (keys.includes("target") && keys.includes("baseModel")) ctx.addIssue({ code: "custom", path: ["axes"], message: "vary either the model or the target (backend and model), not both" });
    const runs = v.axes.reduce((n, a) => n * a.values.length, 1);
    if (runs > MAX_SWEEP_RUNS) ctx.addIssue({ code: "custom", path: ["axes"], message: `the grid makes ${runs} runs; at most ${MAX_SWEEP_RUNS}` });
  });
export type SweepCreate = z.input<typeof sweepCreateSchema>;

export interface SweepDto {
  id: string;
  projectId: string;
  name: string;
  axes: SweepAxis[];
  createdBy: string | null;
  createdAt: string;
  runCount: number;
}

/** One cell of the grid: its run, and the newest eval of its model on gold (the four numbers), if any. */
export interface SweepCellDto {
  label: string;
  run: RunDto;
  eval: { id: string; status: string; summary: EvalSummary | null } | null;
}

export interface SweepDetailDto {
  sweep: SweepDto;
  cells: SweepCellDto[];
}

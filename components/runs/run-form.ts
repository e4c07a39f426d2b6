// The new-run form as plain data: what the user typed → the RunCreate body and the problems with it.
import { zodIssues } from "@/lib/schemas/common";
import { LORA_BACKENDS, runCreateSchema, type BackendId, type BackendInfo, type Hyperparameters, type RunCreate } from "@/lib/schemas/runs";
import { EMPTY_LORA, loraBody, type LoraInput } from "./lora-form";

export type HyperKey = keyof Hyperparameters;
export const HYPER_KEYS: HyperKey[] = ["n_epochs", "batch_size", "learning_rate_multiplier"];

/** OpenAI's limits, for the inputs' min/max and the hints (the schema enforces them). */
export const HYPER_LIMITS: Record<HyperKey, { min: number; max: number; step: number | "any"; hint: string; placeholder: string }> = {
  n_epochs: { min: 1, max: 50, step: 1, hint: "whole number, 1–50", placeholder: "3" },
  batch_size: { min: 1, max: 256, step: 1, hint: "whole number, 1–256", placeholder: "1" },
  learning_rate_multiplier: { min: 0, max: 10, step: "any", hint: "above 0, at most 10", placeholder: "1.8" },
};

export interface HyperInput {
  auto: boolean;
  text: string;
}

export interface RunForm {
  /** null until the user picks one: the first configured backend. */
  backend: BackendId | null;
  /** null until the user picks one: the backend's first base model. */
  baseModel: string | null;
  hyper: Record<HyperKey, HyperInput>;
  suffix: string;
  seed: string;
  /** GPU backend only. */
  lora: LoraInput;
  /** GPU pool only: the agent the run is pinned to; null: any agent that has the model. */
  agentId: string | null;
}

export const EMPTY_FORM: RunForm = {
  backend: null,
  baseModel: null,
  hyper: { n_epochs: { auto: true, text: "" }, batch_size: { auto: true, text: "" }, learning_rate_multiplier: { auto: true, text: "" } },
  suffix: "",
  seed: "",
  lora: EMPTY_LORA,
  agentId: null,
};

/** The backend and model the form stands on, filling the user's unset choices with defaults. */
export function resolveChoice(form: RunForm, backends: readonly BackendInfo[]): { backend: BackendInfo | null; baseModel: string } {
  const backend = backends.find((b) => b.id === form.backend) ?? backends.find((b) => b.configured) ?? backends[0] ?? null;
  const baseModel = form.baseModel ?? backend?.baseModels[0] ?? "";
  return { backend, baseModel };
}

const toNumber = (text: string): number => (text.trim() === "" ? NaN : Number(text));

/** The request body and its problems keyed by field path ("hyperparameters.n_epochs", "seed"). */
export function buildRunCreate(form: RunForm, backends: readonly BackendInfo[], longestExampleTokens?: number | null): { body: RunCreate; errors: Record<string, string> } {
  const { backend, baseModel } = resolveChoice(form, backends);
  const hyper = Object.fromEntries(
    HYPER_KEYS.map((k) => [k, form.hyper[k].auto ? "auto" : toNumber(form.hyper[k].text)]),
  ) as Hyperparameters;
  const seed = form.seed.trim() === "" ? null : toNumber(form.seed);
  const body: RunCreate = { backend: backend?.id ?? "openai", baseModel, hyperparameters: hyper, suffix: form.suffix.trim(), seed };
  if (backend && LORA_BACKENDS.includes(backend.id)) {
    const lora = loraBody(form.lora, longestExampleTokens);
    // The agent reads hyperparameters.batch_size as the per-device batch: one setting, given once.
    if (backend.id === "gpu" && hyper.batch_size !== "auto" && form.lora.numbers.per_device_train_batch_size.trim() === "") lora.per_device_train_batch_size = hyper.batch_size;
    body.lora = lora;
  }
  if (backend?.agents && form.agentId) body.agentId = form.agentId;
  const errors: Record<string, string> = {};
  const parsed = runCreateSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of zodIssues(parsed.error)) errors[issue.path] ??= issue.message;
  }
  for (const k of HYPER_KEYS) {
    const path = `hyperparameters.${k}`;
    if (!form.hyper[k].auto && errors[path] && !Number.isFinite(hyper[k]))
      errors[path] = `enter a number (${HYPER_LIMITS[k].hint}) or choose auto`;
  }
  if (body.backend === "gpu" && body.lora && hyper.batch_size !== "auto" && body.lora.per_device_train_batch_size !== hyper.batch_size)
    errors["lora.per_device_train_batch_size"] ??= "the batch size is set twice (above and here): leave this one empty or make them equal";
  if (seed !== null && errors.seed) errors.seed = "a whole number from 0 to 2147483647, or empty for a random seed";
  if (backend && !backend.configured)
    errors.backend = `${backend.label} is not configured: set ${backend.missing.join(", ")} in the server's environment`;
  return { body, errors };
}

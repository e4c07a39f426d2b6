// The Generate form's state and what it sends. Pure, unit-tested.
import {
  GENERATION_KINDS,
  GENERATION_LIMITS,
  type GenerationCreate,
  type GenerationKind,
  type GenerationSetupDto,
} from "@/lib/schemas/generate";
import type { ModelTarget } from "@/lib/schemas/evals";
import { fillGauge, spread, type GaugeFill } from "@/lib/generate/fill-gauge";

export type Counts = Record<GenerationKind, string>;

export interface GenerateForm {
  /** Chosen tools, in catalogue order. */
  tools: string[];
  counts: Record<string, Counts>;
  temperature: string;
}

export const emptyCounts = (): Counts => ({ positive: "0", negative: "0", multi_turn: "0" });

export function initialForm(setup: GenerationSetupDto): GenerateForm {
  return {
    tools: setup.tools.map((t) => t.name),
    counts: Object.fromEntries(setup.tools.map((t) => [t.name, { positive: "5", negative: "2", multi_turn: "0" }])),
    temperature: "0.9",
  };
}

const toInt = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

export function totalOf(form: GenerateForm): number {
  return form.tools.reduce((n, t) => n + GENERATION_KINDS.reduce((m, k) => m + (toInt(form.counts[t]?.[k] ?? "0") || 0), 0), 0);
}

/** The request body, or the problems by field. */
export function buildGenerationCreate(
  form: GenerateForm,
  target: ModelTarget | null,
  multiTurn: boolean,
): { body: GenerationCreate | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!target) errors.target = "choose the teacher model";
  if (form.tools.length === 0) errors.tools = "choose at least one tool";
  const perTool: NonNullable<GenerationCreate["perTool"]> = {};
  for (const t of form.tools) {
    const c = form.counts[t] ?? emptyCounts();
    const row: Record<GenerationKind, number> = { positive: 0, negative: 0, multi_turn: 0 };
    for (const k of GENERATION_KINDS) {
      if (k === "multi_turn" && !multiTurn) continue;
      const n = toInt(c[k]);
      if (!Number.isInteger(n) || n < 0 || n > GENERATION_LIMITS.perTool)
        errors[`counts.${t}.${k}`] = `a whole number from 0 to ${GENERATION_LIMITS.perTool}`;
      else row[k] = n;
    }
    perTool[t] = row;
  }
  const total = Object.values(perTool).reduce((n, c) => n + (c.positive ?? 0) + (c.negative ?? 0) + (c.multi_turn ?? 0), 0);
  if (total === 0 && form.tools.length > 0) errors.counts = "ask for at least one candidate";
  if (total > GENERATION_LIMITS.total) errors.counts = `${total} candidates; at most ${GENERATION_LIMITS.total} per generation`;
  const temperature = Number(form.temperature);
  if (form.temperature.trim() === "" || !Number.isFinite(temperature) || temperature < 0 || temperature > 2)
    errors.temperature = "a number from 0 to 2";
  if (Object.keys(errors).length > 0 || !target) return { body: null, errors };
  return { body: { target, tools: form.tools, counts: { positive: 0, negative: 0, multi_turn: 0 }, perTool, temperature }, errors };
}

/** "Fill the gauge": the counts that bring the no_tool share to 15%, spread over the chosen tools (other kinds set to 0). */
export function fillForm(form: GenerateForm, routing: GenerationSetupDto["routing"]): { form: GenerateForm; fill: GaugeFill } {
  const fill = fillGauge(routing.noTool, routing.decisions);
  if (!fill.add || form.tools.length === 0) return { form, fill };
  const share = spread(fill.count, form.tools);
  const counts = { ...form.counts };
  for (const t of form.tools) counts[t] = { ...emptyCounts(), [fill.add]: String(share[t]) };
  return { form: { ...form, counts }, fill };
}

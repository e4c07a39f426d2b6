// Words, tones and number formats the run screens share. Pure: the clock is always a parameter.
import { formatCount } from "@/lib/client/format";
import { normaliseRunTags, type BackendId, type Hyperparameters, type LoraSettings, type RunDto } from "@/lib/schemas/runs";

export type Tone = "muted" | "info" | "ok" | "warn" | "danger";

const STATUS_TONE: Record<string, Tone> = {
  queued: "muted",
  validating: "info",
  running: "info",
  succeeded: "ok",
  failed: "danger",
  cancelled: "muted",
};

/** Statuses the API does not define (a backend's own "paused") are shown as given, in amber. */
export const statusTone = (status: string): Tone => STATUS_TONE[status] ?? "warn";

/** The remote job's own statuses that say nothing beyond ours. */
const PLAIN_REMOTE = new Set(["queued", "validating_files", "running", "succeeded", "failed", "cancelled", "cancelling"]);

/** A remote status worth showing next to ours ("paused"), or null. */
export function remoteNote(run: Pick<RunDto, "status" | "remoteStatus">): string | null {
  const r = run.remoteStatus;
  return r && r !== run.status && !PLAIN_REMOTE.has(r) ? r : null;
}

/** While the worker writes the run's files: "preparing files (1,200 of 5,000 examples)", else null. */
export function preparingText(run: Pick<RunDto, "preparing" | "status">): string | null {
  const p = run.preparing;
  if (!p || run.status === "failed" || run.status === "cancelled") return null;
  return p.total ? `preparing files (${formatCount(p.written)} of ${formatCount(p.total)} examples)` : "preparing files";
}

export const BACKEND_LABEL: Record<BackendId, string> = { openai: "OpenAI", gpu: "GPU box", together: "Together AI", fireworks: "Fireworks AI" };
export const backendLabel = (id: string) => BACKEND_LABEL[id as BackendId] ?? id;

/** Counts as every screen writes them (lib/client/format.ts). */
export { formatCount };

/** Losses to 4 significant digits: 0.01234, 1.234, 12.35. */
export function formatLoss(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return Number(v.toPrecision(4)).toString();
}

export function formatUsd(v: number | null): string {
  if (v === null) return "—";
  return v < 0.01 && v > 0 ? "< $0.01" : `$${v.toFixed(2)}`;
}

/** "45 s", "12 min", "1 h 05 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** How long a run trained (or has been training so far), or null before it started. */
export function runDuration(run: Pick<RunDto, "startedAt" | "finishedAt" | "createdAt">, now: number): number | null {
  const start = run.startedAt ?? null;
  if (!start) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return end - Date.parse(start);
}

export const HYPER_LABEL: Record<keyof Hyperparameters, string> = {
  n_epochs: "Epochs",
  batch_size: "Batch size",
  learning_rate_multiplier: "LR multiplier",
};

export const hyperText = (v: number | "auto" | undefined) => (v === undefined ? "—" : v === "auto" ? "auto" : String(v));

/** Time left: the backend's own estimate when it gives one, else the step rate so far. */
export function etaMs(run: Pick<RunDto, "estimatedFinish" | "startedAt" | "currentStep" | "totalSteps">, now: number): number | null {
  if (run.estimatedFinish) {
    const left = Date.parse(run.estimatedFinish) - now;
    return Number.isFinite(left) ? Math.max(0, left) : null;
  }
  const { startedAt, currentStep, totalSteps } = run;
  if (!startedAt || !currentStep || !totalSteps || currentStep >= totalSteps) return null;
  const elapsed = now - Date.parse(startedAt);
  if (!(elapsed > 0)) return null;
  return (elapsed / currentStep) * (totalSteps - currentStep);
}

/** One colour per run in overlays; repeats after ten (the legend still names every run). CSS variables
 * (app/globals.css), so the light and dark themes each have a legible set. */
export const RUN_COLOURS = Array.from({ length: 10 }, (_, i) => `var(--run-${i + 1})`);

export const shortId = (id: string) => id.slice(-6);

/** What people call the run: its name, else "Run 3f9a1c" (the id's end, as before runs had names). */
export const runTitle = (run: Pick<RunDto, "id" | "name">) => run.name ?? `Run ${shortId(run.id)}`;

/** "baseline, LoRA r16 ,,x" → ["baseline", "lora-r16", "x"]: what the tags field means (the server normalises the same way). */
export const tagsFromText = (text: string): string[] => normaliseRunTags(text.split(","));

/** Every tag of the runs with how many runs carry it, most used first, then by name. */
export function tagCounts(runs: readonly Pick<RunDto, "tags">[]): { tag: string; runs: number }[] {
  const n = new Map<string, number>();
  for (const r of runs) for (const t of r.tags) n.set(t, (n.get(t) ?? 0) + 1);
  return [...n].map(([tag, runs]) => ({ tag, runs })).sort((a, b) => b.runs - a.runs || a.tag.localeCompare(b.tag));
}

/** Steps per epoch when the run says both totals, so points without an epoch can sit on the epoch axis. */
export function stepsPerEpochOf(run: Pick<RunDto, "totalSteps" | "config">): number | undefined {
  const epochs = run.config.hyperparameters.n_epochs;
  return run.totalSteps && typeof epochs === "number" && epochs > 0 ? run.totalSteps / epochs : undefined;
}

/** One line of a GPU run's LoRA settings: "r 16 · alpha 16 · dropout 0 · 4-bit · seq 2048 · lr 0.0002 · batch 2×4". */
export function loraSummary(l: LoraSettings): string {
  const modules = l.target_modules === "all-linear" ? "all-linear" : `${l.target_modules.length} modules`;
  const steps = l.max_steps ? ` · max ${l.max_steps} steps` : "";
  return `r ${l.r} · alpha ${l.lora_alpha} · dropout ${l.lora_dropout} · ${l.load_in_4bit ? "4-bit" : "16-bit"} · seq ${l.max_seq_length} · lr ${l.learning_rate} · batch ${l.per_device_train_batch_size}×${l.gradient_accumulation_steps}${steps} · ${modules}${l.chat_template ? ` · template ${l.chat_template}` : ""} · save ${l.save_method}`;
}

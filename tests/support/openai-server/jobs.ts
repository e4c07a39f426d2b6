// /v1/fine_tuning/jobs: create, list, retrieve, cancel, pause, resume, events, checkpoints.
import type { DpoHyperparameters, FineTuningJob, Hyperparameters, JobMethod, JobRecord } from "./types";
import { TERMINAL } from "./types";
import type { Store } from "./store";
import { addEvent, noError } from "./simulate";
import { parseScript } from "./scripts";
import { validateCreateJob } from "./validate";
import { ApiError, badRequest, hash32, newId, nowSeconds, prng } from "./util";

// Fine-tunable base models and the snapshot each alias resolves to (the job reports the snapshot).
const SNAPSHOTS: Record<string, string> = {
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4o": "gpt-4o-2024-08-06",
  "gpt-3.5-turbo": "gpt-3.5-turbo-0125",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "babbage-002": "babbage-002",
  "davinci-002": "davinci-002",
};
const SNAPSHOT_NAMES = new Set([...Object.values(SNAPSHOTS), "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0613", "gpt-4o-2024-05-13"]);
/**
 * The snapshots preference fine-tuning (method "dpo") runs on, as OpenAI's DPO guide lists them
 * (gpt-4o and gpt-4o-mini, the gpt-4.1 family), and fine-tuned models of them; others refuse it.
 */
const DPO_SNAPSHOTS = new Set([
  "gpt-4o-2024-08-06",
  "gpt-4o-mini-2024-07-18",
  "gpt-4.1-2025-04-14",
  "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano-2025-04-14",
]);

/** Every base model name the fine-tuning side knows (aliases and snapshots); chat accepts them too. */
export const FINE_TUNING_BASE_MODELS: readonly string[] = [...Object.keys(SNAPSHOTS), ...SNAPSHOT_NAMES];

/** The base snapshot, or null when the model cannot be fine-tuned (a fine-tuned model of ours can). */
function resolveModel(model: string, store: Store): string | null {
  if (SNAPSHOTS[model]) return SNAPSHOTS[model];
  if (SNAPSHOT_NAMES.has(model)) return model;
  const own = [...store.jobs.values()].some((r) => r.job.status === "succeeded" && r.job.fine_tuned_model === model);
  return own ? model.split(":")[1] : null;
}

function checkFile(store: Store, id: string, param: "training_file" | "validation_file"): void {
  const file = store.files.get(id);
  if (!file) throw badRequest(`No such File object: ${id}`, param);
  if (file.object.purpose !== "fine-tune")
    throw badRequest(
      `File ${id} has purpose '${file.object.purpose}', but fine-tuning files must be uploaded with purpose 'fine-tune'.`,
      param,
    );
}

interface CreateBody {
  model: string;
  training_file: string;
  validation_file?: string | null;
  suffix?: string | null;
  seed?: number | null;
  metadata?: Record<string, string> | null;
  integrations?: unknown[] | null;
  hyperparameters?: Partial<Hyperparameters>;
  method?:
    | { type: "supervised"; supervised?: { hyperparameters?: Partial<Hyperparameters> } }
    | { type: "dpo"; dpo?: { hyperparameters?: Partial<DpoHyperparameters> } };
}

export function createJob(body: unknown, store: Store): FineTuningJob {
  validateCreateJob(body);
  const b = body as CreateBody;
  const model = resolveModel(b.model, store);
  if (!model) throw badRequest(`Model ${b.model} is not available for fine-tuning or does not exist.`, "model", "model_not_available");
  const dpo = b.method?.type === "dpo";
  if (dpo && !DPO_SNAPSHOTS.has(model))
    throw badRequest(`Model ${b.model} does not support the 'dpo' fine-tuning method.`, "model", "model_not_available");
  checkFile(store, b.training_file, "training_file");
  if (b.validation_file) checkFile(store, b.validation_file, "validation_file");
  const id = newId("ftjob-");
  const given: Partial<DpoHyperparameters> =
    b.hyperparameters ?? (b.method?.type === "dpo" ? b.method.dpo?.hyperparameters : b.method?.supervised?.hyperparameters) ?? {};
  const { beta, ...rest } = given;
  const hp: Hyperparameters = { batch_size: "auto", learning_rate_multiplier: "auto", n_epochs: "auto", ...rest };
  const method: JobMethod = dpo
    ? { type: "dpo", dpo: { hyperparameters: { ...hp, beta: beta ?? "auto" } } }
    : { type: "supervised", supervised: { hyperparameters: { ...hp } } };
  const suffix = b.suffix ?? null;
  const job: FineTuningJob = {
    object: "fine_tuning.job",
    id,
    model,
    created_at: nowSeconds(),
    finished_at: null,
    fine_tuned_model: null,
    organization_id: `org-${store.config.org.replace(/[^a-zA-Z0-9]/g, "")}`,
    result_files: [],
    status: "validating_files",
    validation_file: b.validation_file ?? null,
    training_file: b.training_file,
    hyperparameters: hp,
    trained_tokens: null,
    error: noError(store),
    user_provided_suffix: suffix,
    seed: b.seed ?? Math.floor(prng(hash32(id))() * 2147483647),
    estimated_finish: null,
    integrations: b.integrations ?? [],
    metadata: b.metadata ?? null,
    method,
    usage_metrics: null,
    shared_with_openai: false,
  };
  const rec: JobRecord = {
    job,
    script: parseScript(store.config.script, suffix, b.metadata?.test_script),
    events: [],
    checkpoints: [],
    rows: [],
    step: 0,
    totalSteps: 0,
    epochEnds: [],
    tokens: 0,
    pausedOnce: false,
    // A ":" in the suffix would break the colon-separated name, so it becomes "-" there.
    modelName: `ft:${model}:${store.config.org}:${(suffix ?? "").replace(/[:\s]/g, "-")}:${newId("", 8)}`,
  };
  addEvent(rec, `Created fine-tuning job: ${id}`);
  addEvent(
    rec,
    `Validating training file: ${job.training_file}${job.validation_file ? ` and validation file: ${job.validation_file}` : ""}`,
  );
  store.jobs.set(id, rec);
  store.jobsCreated++;
  return job;
}

export function getJob(store: Store, id: string): JobRecord {
  const rec = store.jobs.get(id);
  if (!rec) throw new ApiError(404, `No such fine-tuning job: ${id}`, "fine_tuning_job_id");
  return rec;
}

function limitOf(query: URLSearchParams, fallback: number): number {
  const raw = query.get("limit");
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw badRequest(`Invalid 'limit': expected a positive integer, but got '${raw}' instead.`, "limit", "invalid_value");
  return n;
}

/** A cursor page of items listed newest first; `after` names an item and pages towards older ones. */
export function page<T extends { id: string }>(newestFirst: T[], query: URLSearchParams, fallbackLimit: number, what: string) {
  const limit = limitOf(query, fallbackLimit);
  const after = query.get("after");
  let start = 0;
  if (after) {
    const i = newestFirst.findIndex((x) => x.id === after);
    if (i < 0) throw badRequest(`Invalid 'after': no ${what} with id ${after}.`, "after");
    start = i + 1;
  }
  const data = newestFirst.slice(start, start + limit);
  return { object: "list" as const, data, has_more: start + limit < newestFirst.length };
}

export function listJobs(store: Store, query: URLSearchParams) {
  const wanted = [...query.entries()].flatMap(([k, v]) => {
    const m = /^metadata\[(.+)\]$/.exec(k);
    return m ? [[m[1], v] as const] : [];
  });
  const noMetadata = query.get("metadata") === "null";
  const jobs = [...store.jobs.values()]
    .map((r) => r.job)
    .filter((j) => (noMetadata ? j.metadata === null : wanted.every(([k, v]) => j.metadata?.[k] === v)))
    .reverse();
  return page(jobs, query, 20, "fine-tuning job");
}

export function listEvents(store: Store, id: string, query: URLSearchParams) {
  return page([...getJob(store, id).events].reverse(), query, 20, "event");
}

export function listCheckpoints(store: Store, id: string, query: URLSearchParams) {
  const p = page([...getJob(store, id).checkpoints].reverse(), query, 10, "checkpoint");
  return { ...p, first_id: p.data[0]?.id ?? null, last_id: p.data[p.data.length - 1]?.id ?? null };
}

export function cancelJob(store: Store, id: string): FineTuningJob {
  const rec = getJob(store, id);
  if (TERMINAL.has(rec.job.status))
    throw badRequest(
      `Job ${id} has already ${rec.job.status === "succeeded" ? "completed" : rec.job.status === "failed" ? "failed" : "been cancelled"} and cannot be cancelled.`,
    );
  Object.assign(rec.job, { status: "cancelled", estimated_finish: null });
  addEvent(rec, "Fine-tuning job cancelled");
  return rec.job;
}

export function pauseJob(store: Store, id: string): FineTuningJob {
  const rec = getJob(store, id);
  if (rec.job.status !== "running") throw badRequest(`Job ${id} is ${rec.job.status}; only running jobs can be paused.`);
  Object.assign(rec.job, { status: "paused", estimated_finish: null });
  addEvent(rec, "Fine-tuning job paused");
  return rec.job;
}

export function resumeJob(store: Store, id: string): FineTuningJob {
  const rec = getJob(store, id);
  if (rec.job.status !== "paused") throw badRequest(`Job ${id} is ${rec.job.status}; only paused jobs can be resumed.`);
  rec.job.status = "queued";
  addEvent(rec, "Fine-tuning job resumed");
  return rec.job;
}

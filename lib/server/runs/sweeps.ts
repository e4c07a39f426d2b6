// Sweeps: one request starts a grid of runs (learning rate × LoRA r × epochs, model × backend…), each
// an ordinary run with its cell's label; the sweep page overlays their curves and tables their final
// losses, costs and, once evaluated, their four numbers. Every cell is checked before anything is
// stored, and all the rows are written in one transaction: a grid is started whole or not at all.
import { AppError, notFound } from "../errors";
import { db } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import { authorLabels } from "../authors";
import { requireProject } from "../projects/projects";
import { createEval, evalSummary } from "../evals/evals";
import { BACKENDS, type BackendId, type RunCreate } from "../../schemas/runs";
import { SWEEP_KEYS, sweepCreateSchema, type SweepAxis, type SweepCreate, type SweepDetailDto, type SweepDto } from "../../schemas/sweeps";
import { prepareRun, queueRun, runDtos, runRow, type PreparedRun } from "./runs";

type Cell = { label: string; body: RunCreate };

/** "lr 0.0002 · r 8 · on gpu qwen": how a cell differs from the others. */
function labelOf(picks: { axis: SweepAxis; value: number | string }[]): string {
  return picks
    .map(({ axis, value }) => {
      if (axis.key === "target") {
        const [backend, model] = String(value).split("|");
        return `on ${backend} ${model ?? ""}`.trim();
      }
      return `${SWEEP_KEYS[axis.key].label} ${value}`;
    })
    .join(" · ");
}

/** The value of one axis applied to a run's settings; a value of the wrong kind names the axis. */
function apply(body: RunCreate, axis: SweepAxis, value: number | string, at: number): RunCreate {
  const kind = SWEEP_KEYS[axis.key].kind;
  const wrong = (what: string) => new AppError("validation_failed", `axes.${at}: ${SWEEP_KEYS[axis.key].label} takes ${what}; got ${JSON.stringify(value)}`, { field: `axes.${at}.values` });
  if (kind === "int" || kind === "number") {
    const n = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(n) || (kind === "int" && !Number.isInteger(n))) throw wrong(kind === "int" ? "whole numbers" : "numbers");
    const [group, key] = axis.key.split(".") as ["hyperparameters" | "lora", string];
    if (group === "hyperparameters") return { ...body, hyperparameters: { ...(body.hyperparameters ?? {}), [key]: n } };
    return { ...body, lora: { ...(body.lora ?? {}), [key]: n } };
  }
  if (typeof value !== "string") throw wrong("names");
  if (kind === "text") return { ...body, baseModel: value };
  const [backend, model] = value.split("|");
  if (!(BACKENDS as readonly string[]).includes(backend) || !model) throw wrong(`"backend|base model" pairs such as "gpu|Qwen/Qwen2.5-0.5B-Instruct" (backends: ${BACKENDS.join(", ")})`);
  // LoRA settings go only where they apply: a hosted or GPU cell keeps them, an OpenAI cell drops them.
  const next: RunCreate = { ...body, backend: backend as BackendId, baseModel: model };
  if (backend === "openai") delete next.lora;
  return next;
}

function grid(base: RunCreate, axes: SweepAxis[]): Cell[] {
  let cells: { body: RunCreate; picks: { axis: SweepAxis; value: number | string }[] }[] = [{ body: base, picks: [] }];
  axes.forEach((axis, at) => {
    cells = cells.flatMap((c) => axis.values.map((value) => ({ body: apply(c.body, axis, value, at), picks: [...c.picks, { axis, value }] })));
  });
  return cells.map((c) => ({ body: c.body, label: labelOf(c.picks) }));
}

function toSweepDto(s: { id: string; projectId: string; name: string; axes: string; createdAt: Date }, createdBy: string | null, runCount: number): SweepDto {
  return { id: s.id, projectId: s.projectId, name: s.name, axes: parseJsonText<SweepAxis[]>(s.axes), createdBy, createdAt: s.createdAt.toISOString(), runCount };
}

export async function createSweep(projectId: string, input: SweepCreate, authorId: string): Promise<SweepDetailDto> {
  const data = sweepCreateSchema.parse(input);
  await requireProject(projectId);
  const cells = grid(data.base, data.axes);
  // Every cell is checked first (backend configured, LoRA where it applies, data to train on)...
  const prepared: { cell: Cell; run: PreparedRun }[] = [];
  for (const [i, cell] of cells.entries()) {
    try {
      prepared.push({ cell, run: await prepareRun(projectId, cell.body) });
    } catch (e) {
      if (e instanceof AppError) throw new AppError(e.code, `run ${i + 1} of ${cells.length} (${cell.label}): ${e.message}`, e.extra);
      throw e;
    }
  }
  // ...then the sweep and its runs are stored at once, and only then queued.
  const { sweep, runIds } = await db().$transaction(async (tx) => {
    const sweep = await tx.sweep.create({ data: { projectId, name: data.name, axes: jsonText(data.axes), createdById: authorId } });
    const runIds: string[] = [];
    for (const p of prepared) runIds.push((await tx.run.create({ data: runRow(projectId, p.run, authorId, { sweepId: sweep.id, sweepLabel: p.cell.label }), select: { id: true } })).id);
    return { sweep, runIds };
  });
  for (const id of runIds) await queueRun(id);
  return getSweep(projectId, sweep.id);
}

export async function listSweeps(projectId: string): Promise<SweepDto[]> {
  await requireProject(projectId);
  const sweeps = await db().sweep.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 100 });
  const counts = await db().run.groupBy({ by: ["sweepId"], where: { sweepId: { in: sweeps.map((s) => s.id) } }, _count: { _all: true } });
  const byId = new Map(counts.map((c) => [c.sweepId, c._count._all]));
  const authors = await authorLabels(sweeps.map((s) => s.createdById));
  return sweeps.map((s) => toSweepDto(s, s.createdById ? (authors.get(s.createdById) ?? null) : null, byId.get(s.id) ?? 0));
}

async function requireSweep(projectId: string, sweepId: string) {
  const sweep = await db().sweep.findFirst({ where: { id: sweepId, projectId } });
  if (!sweep) throw notFound("sweep", sweepId);
  return sweep;
}

export async function getSweep(projectId: string, sweepId: string): Promise<SweepDetailDto> {
  const sweep = await requireSweep(projectId, sweepId);
  const rows = await db().run.findMany({ where: { sweepId }, orderBy: { createdAt: "asc" } });
  const runs = await runDtos(rows);
  // The newest eval of each run's model on the gold split.
  const evals = await db().eval.findMany({ where: { runId: { in: rows.map((r) => r.id) }, status: { not: "cancelled" } }, orderBy: { createdAt: "desc" } });
  const newest = new Map<string, (typeof evals)[number]>();
  for (const e of evals) if (e.runId && !newest.has(e.runId) && parseJsonText<{ split?: string }>(e.config).split === "gold") newest.set(e.runId, e);
  const authors = await authorLabels([sweep.createdById]);
  const cells = await Promise.all(
    rows.map(async (r, i) => {
      const e = newest.get(r.id);
      return { label: r.sweepLabel ?? "", run: runs[i], eval: e ? { id: e.id, status: e.status, summary: await evalSummary(e) } : null };
    }),
  );
  return { sweep: toSweepDto(sweep, sweep.createdById ? (authors.get(sweep.createdById) ?? null) : null, rows.length), cells };
}

/**
 * "Evaluate all on gold": one eval per finished run whose model has none yet, each on the project's
 * gold split with the run's own backend. Returns how many were started.
 */
export async function evaluateSweep(projectId: string, sweepId: string, authorId: string): Promise<{ started: number; waiting: number }> {
  const detail = await getSweep(projectId, sweepId);
  const ready = detail.cells.filter((c) => c.run.status === "succeeded" && c.run.fineTunedModel && !c.eval);
  for (const c of ready) {
    await createEval(projectId, { name: `${detail.sweep.name} · ${c.label}`, target: { backend: c.run.backend, model: c.run.fineTunedModel! }, runId: c.run.id, split: "gold" }, authorId);
  }
  const waiting = detail.cells.filter((c) => !["succeeded", "failed", "cancelled"].includes(c.run.status)).length;
  if (ready.length === 0 && waiting === 0) {
    const evaluated = detail.cells.some((c) => c.eval);
    throw new AppError("conflict", evaluated ? "every finished run of this sweep has an eval already" : "no run of this sweep succeeded: there is no model to evaluate");
  }
  return { started: ready.length, waiting };
}

// Starting a generation: check the teacher and the counts, freeze the settings, write the row,
// commit, then ask the worker by id. Also the form's setup and the cost estimate before starting.
import {
  GENERATION_KINDS,
  GENERATION_LIMITS,
  generationCreateSchema,
  type CostEstimate,
  type GenerationConfig,
  type GenerationCreate,
  type GenerationKind,
  type GenerationSetupDto,
} from "../../schemas/generate";
import { jobs } from "../../queue/contracts";
import { estimateCost, planItems, type Plan } from "../../generate/plan";
import { requiredOf } from "../../generate/prompt";
import { db } from "../db";
import { AppError } from "../errors";
import { jsonText } from "../json-text";
import { enqueue } from "../queue";
import { checkTarget } from "../evals/evals";
import { loadCatalogue } from "../evals/targets";
import { projectStats } from "../stats";
import { requireProject } from "../projects/projects";

/** The project has examples with more than one decision, or an answer after a tool result. */
async function hasMultiTurn(projectId: string): Promise<boolean> {
  return (
    (await db().example.count({ where: { projectId, OR: [{ followUpCount: { gt: 0 } }, { decisionCount: { gt: 1 } }] }, take: 1 })) > 0
  );
}

export async function generationSetup(projectId: string): Promise<GenerationSetupDto> {
  await requireProject(projectId);
  const [cat, multi, stats] = await Promise.all([loadCatalogue(projectId), hasMultiTurn(projectId), projectStats(projectId)]);
  return {
    tools: cat.tools.map((t) => ({ name: t.name, description: t.description, required: requiredOf(t) })),
    multiTurnOffered: multi,
    routing: { decisions: stats.overall.decisions, noTool: stats.overall.noTool },
  };
}

type Input = ReturnType<typeof generationCreateSchema.parse>;

async function prepare(projectId: string, data: Input) {
  await requireProject(projectId);
  const cat = await loadCatalogue(projectId);
  const known = new Set(cat.tools.map((t) => t.name));
  const chosen = data.tools && data.tools.length > 0 ? data.tools : cat.tools.map((t) => t.name);
  const unknown = chosen.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new AppError("validation_failed", `tools: ${unknown.map((t) => `"${t}"`).join(", ")} is not an active tool of this project`, {
      field: "tools",
    });
  if (chosen.length === 0)
    throw new AppError("validation_failed", "tools: the catalogue has no active tools; add one first", { field: "tools" });
  for (const name of Object.keys(data.perTool ?? {}))
    if (!chosen.includes(name))
      throw new AppError("validation_failed", `perTool: "${name}" is not one of the chosen tools`, { field: "perTool" });
  const plan: Plan = {};
  for (const name of chosen) {
    const own = data.perTool?.[name] ?? {};
    plan[name] = Object.fromEntries(GENERATION_KINDS.map((k) => [k, own[k] ?? data.counts[k]])) as Record<GenerationKind, number>;
  }
  const total = Object.values(plan).reduce((n, c) => n + c.positive + c.negative + c.multi_turn, 0);
  if (total === 0) throw new AppError("validation_failed", "counts: ask for at least one candidate", { field: "counts" });
  if (total > GENERATION_LIMITS.total)
    throw new AppError("validation_failed", `counts: ${total} candidates asked; at most ${GENERATION_LIMITS.total} per generation`, {
      field: "counts",
    });
  if (Object.values(plan).some((c) => c.multi_turn > 0) && !(await hasMultiTurn(projectId)))
    throw new AppError("validation_failed", "counts.multi_turn: multi-turn variants are offered once the project has multi-turn examples", {
      field: "counts.multi_turn",
    });
  const { endpointName, pricing } = await checkTarget(data.target);
  const tools = cat.tools.filter((t) => chosen.includes(t.name));
  return { cat, plan, total, tools, pricing, endpointName };
}

export async function estimateGeneration(projectId: string, input: GenerationCreate): Promise<CostEstimate> {
  const data = generationCreateSchema.parse(input);
  const { plan, tools, pricing } = await prepare(projectId, data);
  return estimateCost(plan, tools, pricing);
}

export async function createGeneration(projectId: string, input: GenerationCreate, authorId: string): Promise<{ id: string }> {
  const data = generationCreateSchema.parse(input);
  const { cat, plan, total, tools, pricing } = await prepare(projectId, data);
  if (planItems(plan).length !== total) throw new Error("the plan's items do not add up to its counts");
  const config: GenerationConfig = {
    style: cat.style,
    catalogueVersion: cat.catalogueVersion,
    tools,
    plan,
    temperature: data.temperature,
    concurrency: data.concurrency,
    maxTokens: data.maxTokens,
    pricing,
  };
  const row = await db().$transaction(async (tx) => {
    const r = await tx.generation.create({
      data: {
        projectId,
        backend: data.target.backend,
        endpointId: data.target.endpointId ?? null,
        model: data.target.model,
        config: jsonText(config),
        tag: "",
        total,
        createdById: authorId,
      },
    });
    return tx.generation.update({ where: { id: r.id }, data: { tag: generationTag(r.id) } });
  });
  await enqueue(jobs.generateCandidates.name, { generationId: row.id }, jobs.generateCandidates.jobId({ generationId: row.id }), {
    attempts: 3,
  });
  return { id: row.id };
}

/** The tag on every draft of a generation: short enough to read, unique in practice (cuid's random tail). */
export const generationTag = (id: string) => `gen:${id.slice(-8)}`;

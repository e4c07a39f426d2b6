// All reads and writes of evals from the app go through here. Creating an eval freezes its gold set
// (one pending result row per example) and its request settings, commits, then asks the worker by id.
import { evalCreateSchema, evalResultQuerySchema, EVAL_TERMINAL, type EvalConfig, type EvalCreate, type EvalDto, type EvalResultQuery, type EvalResultsPageDto, type EvalStatus, type ModelTarget } from "../../schemas/evals";
import type { EvalSummary, TokenPricing } from "../../scoring/types";
import { jobs } from "../../queue/contracts";
import { insertRows, newRowId } from "../bulk";
import { db } from "../db";
import { authorLabels } from "../authors";
import { poolInUse } from "../runs/pool";
import { AppError, notFound } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { enqueue } from "../queue";
import { backendInfo } from "../runs/backends";
import { toEvalDto, toResultDto, summaryOf, type EvalRow } from "./dto";
import { loadGoldSet, selectionLabel } from "./gold";
import { openaiInferencePrice } from "./pricing";

/**
 * Checks that a target can be reached with what the server has (backend env, saved endpoint), and
 * returns the endpoint's name (null for the env backends) and the price per 1M tokens when known.
 */
export async function checkTarget(target: ModelTarget, field = "target"): Promise<{ endpointName: string | null; pricing: TokenPricing | null }> {
  if (target.backend === "endpoint") {
    const ep = target.endpointId ? await db().endpoint.findUnique({ where: { id: target.endpointId } }) : null;
    if (!ep) throw new AppError("validation_failed", "that endpoint does not exist (it may have been deleted)", { field: `${field}.endpointId` });
    const priced = ep.inputPerMillionUsd !== null && ep.outputPerMillionUsd !== null;
    return { endpointName: ep.name, pricing: priced ? { inputPerMillion: ep.inputPerMillionUsd!, outputPerMillion: ep.outputPerMillionUsd! } : null };
  }
  const b = backendInfo().find((x) => x.id === target.backend)!;
  if (!b.configured && !(target.backend === "gpu" && (await poolInUse()))) throw new AppError("validation_failed", `the ${b.label} backend is not configured: set ${b.missing.join(" and ")} in the server's environment`, { field: `${field}.backend` });
  return { endpointName: null, pricing: target.backend === "openai" ? openaiInferencePrice(target.model) : null };
}

export async function createEval(projectId: string, input: EvalCreate, authorId: string): Promise<EvalDto> {
  const data = evalCreateSchema.parse(input);
  await requireProject(projectId);
  const { endpointName, pricing } = await checkTarget(data.target);
  if (data.runId && !(await db().run.findFirst({ where: { id: data.runId, projectId } }))) throw notFound("run", data.runId);
  const selection = { split: data.split, only: data.only, exampleIds: data.exampleIds };
  const gold = await loadGoldSet(projectId, selection);
  const config: EvalConfig = {
    style: gold.style,
    parallelToolCalls: gold.parallelToolCalls,
    system: gold.system,
    tools: gold.tools,
    catalogueVersion: gold.catalogueVersion,
    split: selectionLabel(selection),
    concurrency: data.concurrency,
    maxTokens: data.maxTokens,
    pricing,
    followUps: gold.followUps,
  };
  const where = endpointName ? `${endpointName} · ` : "";
  const row = await db().eval.create({
    data: {
      projectId,
      name: data.name || `${where}${data.target.model} on ${config.split}`,
      backend: data.target.backend,
      endpointId: data.target.endpointId ?? null,
      model: data.target.model,
      runId: data.runId ?? null,
      matchMode: data.matchMode,
      config: jsonText(config),
      total: gold.items.length,
      createdById: authorId,
    },
  });
  try {
    // One pending row per gold example, through lib/server/bulk (prepared statements / unnest).
    await insertRows(
      "EvalResult",
      gold.items.map((g, i) => ({
        id: newRowId(),
        evalId: row.id,
        exampleId: g.exampleId,
        exampleNumber: g.number,
        position: i,
        request: g.request,
        system: g.system,
        messages: jsonText(g.turns),
        gold: jsonText(g.gold),
        goldLabel: g.goldLabel,
      })),
    );
  } catch (e) {
    await db().eval.delete({ where: { id: row.id } }); // results cascade: nothing half-written stays
    throw e;
  }
  await enqueue(jobs.runEval.name, { evalId: row.id }, jobs.runEval.jobId({ evalId: row.id }), { attempts: 3 });
  return getEval(projectId, row.id);
}

async function requireEval(projectId: string, id: string): Promise<EvalRow> {
  const row = await db().eval.findFirst({ where: { id, projectId } });
  if (!row) throw notFound("eval", id);
  return row;
}

/** The stored summary once ended; computed from the answered results while running. */
export async function evalSummary(row: EvalRow): Promise<EvalSummary | null> {
  if (row.summary) return parseJsonText<EvalSummary>(row.summary);
  if (row.done === 0) return null;
  const rows = await db().evalResult.findMany({ where: { evalId: row.id, status: "done" }, select: { score: true, latencyMs: true, promptTokens: true, completionTokens: true } });
  return summaryOf(parseJsonText<EvalConfig>(row.config), rows);
}

async function decorate(rows: EvalRow[]): Promise<EvalDto[]> {
  const endpointIds = [...new Set(rows.map((r) => r.endpointId).filter((x): x is string => !!x))];
  const [userName, endpoints] = await Promise.all([authorLabels(rows.map((r) => r.createdById)), db().endpoint.findMany({ where: { id: { in: endpointIds } } })]);
  const endpointName = new Map(endpoints.map((e) => [e.id, e.name]));
  return Promise.all(
    rows.map(async (r) =>
      toEvalDto(r, { summary: await evalSummary(r), createdBy: userName.get(r.createdById ?? "") ?? null, endpointName: endpointName.get(r.endpointId ?? "") ?? null }),
    ),
  );
}

export async function getEval(projectId: string, id: string): Promise<EvalDto> {
  return (await decorate([await requireEval(projectId, id)]))[0];
}

export async function listEvals(projectId: string, filter: { runId?: string } = {}): Promise<EvalDto[]> {
  await requireProject(projectId);
  return decorate(await db().eval.findMany({ where: { projectId, ...(filter.runId ? { runId: filter.runId } : {}) }, orderBy: { createdAt: "desc" }, take: 200 }));
}

export async function cancelEval(projectId: string, id: string): Promise<EvalDto> {
  const row = await requireEval(projectId, id);
  if (EVAL_TERMINAL.includes(row.status as EvalStatus)) throw new AppError("conflict", `this eval is already ${row.status}`);
  // A queued eval that no worker holds ends now; a running one stops at its next check (about a second).
  const now = await db().eval.updateMany({ where: { id, status: "queued" }, data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() } });
  if (now.count === 0) await db().eval.update({ where: { id }, data: { cancelRequested: true } });
  return getEval(projectId, id);
}

/** Labels are tool names joined by " + ": match the whole name, not a substring of another tool's. */
function labelHas(column: "goldLabel" | "predictedLabel", tool: string) {
  return [{ [column]: tool }, { [column]: { startsWith: `${tool} + ` } }, { [column]: { endsWith: ` + ${tool}` } }, { [column]: { contains: ` + ${tool} + ` } }];
}

const WRONG = ["wrong_arguments", "wrong_tool", "false_tool_call", "missed_call", "invalid", "parse_failure"];

export async function listEvalResults(projectId: string, id: string, query: EvalResultQuery): Promise<EvalResultsPageDto> {
  await requireEval(projectId, id);
  const q = evalResultQuerySchema.parse(query);
  const where: Record<string, unknown> = { evalId: id };
  if (q.verdict === "wrong") where.verdict = { in: WRONG };
  else if (q.verdict === "error" || q.verdict === "pending") where.status = q.verdict;
  else if (q.verdict) where.verdict = q.verdict;
  if (q.tool) where.OR = labelHas("goldLabel", q.tool).concat(labelHas("predictedLabel", q.tool));
  if (q.q) where.request = { contains: q.q };
  const [total, rows] = await Promise.all([
    db().evalResult.count({ where }),
    db().evalResult.findMany({ where, orderBy: { position: "asc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return { results: rows.map(toResultDto), total, page: q.page, pageSize: q.pageSize };
}

// The loop on one page: a DPO run's parent SFT run and the evals of both, side by side, so a team
// sees whether the false-tool-call rate moved; and an SFT run's DPO children.
import type { RunConfig, RunLineageDto, LineageEvalDto, LineageRunDto } from "../../schemas/runs";
import type { EvalSummary } from "../../scoring/types";
import { db } from "../db";
import { notFound } from "../errors";
import { parseJsonText } from "../json-text";

/** The headline rates of a finished eval: exact match, false tool calls (of gold no_tool), wrong tool (of gold calls). */
export function lineageEvalOf(e: { id: string; name: string; model: string; finishedAt: Date | null; summary: string }): LineageEvalDto {
  const s = parseJsonText<EvalSummary>(e.summary);
  const calls = s.missedCallRate.d;
  return {
    id: e.id,
    name: e.name,
    model: e.model,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    total: s.total,
    exactMatch: s.exactMatch,
    falseToolCallRate: s.falseToolCallRate,
    wrongToolRate: { n: s.verdicts.wrong_tool, d: calls, value: calls > 0 ? s.verdicts.wrong_tool / calls : null },
  };
}

async function finishedEvals(runId: string): Promise<LineageEvalDto[]> {
  const rows = await db().eval.findMany({
    where: { runId, status: "succeeded", summary: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, model: true, finishedAt: true, summary: true },
  });
  return rows.map((r) => lineageEvalOf({ ...r, summary: r.summary! }));
}

const refOf = (r: {
  id: string;
  name: string | null;
  status: string;
  fineTunedModel: string | null;
  createdAt: Date;
  config: string;
}): LineageRunDto => ({
  id: r.id,
  name: r.name,
  status: r.status,
  model: r.fineTunedModel,
  method: parseJsonText<RunConfig>(r.config).method ? "dpo" : "sft",
  createdAt: r.createdAt.toISOString(),
});

export async function runLineage(projectId: string, runId: string): Promise<RunLineageDto> {
  const run = await db().run.findFirst({ where: { id: runId, projectId } });
  if (!run) throw notFound("run", runId);
  const parent = run.parentRunId ? await db().run.findFirst({ where: { id: run.parentRunId, projectId } }) : null;
  const children = await db().run.findMany({ where: { projectId, parentRunId: runId }, orderBy: { createdAt: "desc" }, take: 50 });
  return {
    parent: parent ? { ...refOf(parent), evals: await finishedEvals(parent.id) } : null,
    evals: await finishedEvals(runId),
    children: children.map(refOf),
  };
}

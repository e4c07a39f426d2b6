// Eval rows -> DTOs. JSON text columns are parsed where they are read.
import type { EvalBackend, EvalConfig, EvalDto, EvalResultDto, EvalStatus } from "../../schemas/evals";
import type { EvalSummary, ExampleScore, GoldTarget, MatchMode, ModelMessage, Verdict } from "../../scoring/types";
import { summarise } from "../../scoring/summary";
import { REASONING_MODEL } from "./request";
import type { Db } from "../db";
import { parseMessages } from "../examples/dto";
import { parseJsonText } from "../json-text";

export type EvalRow = Awaited<ReturnType<Db["eval"]["findUniqueOrThrow"]>>;
export type ResultRow = Awaited<ReturnType<Db["evalResult"]["findUniqueOrThrow"]>>;

export function toEvalDto(r: EvalRow, extra: { summary: EvalSummary | null; createdBy: string | null; endpointName: string | null }): EvalDto {
  const config = parseJsonText<EvalConfig>(r.config);
  return {
    id: r.id,
    projectId: r.projectId,
    name: r.name,
    backend: r.backend as EvalBackend,
    endpointId: r.endpointId,
    endpointName: extra.endpointName,
    model: r.model,
    runId: r.runId,
    status: r.status as EvalStatus,
    matchMode: r.matchMode as MatchMode,
    greedy: !(r.backend === "openai" && REASONING_MODEL.test(r.model)),
    split: config.split,
    catalogueVersion: config.catalogueVersion,
    followUps: config.followUps ?? null,
    concurrency: config.concurrency,
    maxTokens: config.maxTokens,
    total: r.total,
    done: r.done,
    failedRequests: r.failedRequests,
    progress: r.total > 0 ? Math.min(1, (r.done + r.failedRequests) / r.total) : 1,
    summary: extra.summary,
    error: r.error,
    cancelRequested: r.cancelRequested,
    createdBy: extra.createdBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function toResultDto(r: ResultRow): EvalResultDto {
  return {
    id: r.id,
    exampleId: r.exampleId,
    exampleNumber: r.exampleNumber,
    position: r.position,
    request: r.request,
    messages: parseMessages(parseJsonText(r.messages)),
    gold: parseJsonText<GoldTarget>(r.gold),
    status: r.status as EvalResultDto["status"],
    output: r.output ? parseJsonText<ModelMessage>(r.output) : null,
    verdict: (r.verdict as Verdict | null) ?? null,
    score: r.score ? parseJsonText<ExampleScore>(r.score) : null,
    latencyMs: r.latencyMs,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    attempts: r.attempts,
    error: r.error,
  };
}

/** The summary of the answered results (all of them once the eval has ended). */
export function summaryOf(config: EvalConfig, rows: Pick<ResultRow, "score" | "latencyMs" | "promptTokens" | "completionTokens">[]): EvalSummary {
  const scored = rows
    .filter((r) => r.score)
    .map((r) => ({ score: parseJsonText<ExampleScore>(r.score!), latencyMs: r.latencyMs, promptTokens: r.promptTokens, completionTokens: r.completionTokens }));
  return summarise(scored, { tools: config.tools.map((t) => t.name), pricing: config.pricing });
}

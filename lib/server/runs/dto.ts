import type { DatasetSnapshot, RunConfig, RunDto, RunStatus, BackendId } from "../../schemas/runs";
import type { Db } from "../db";
import { parseJsonText } from "../json-text";
import type { PriceTable } from "../../datasets/cost";
import { runCost, wallSeconds } from "./cost";

/** A Run row as the database gives it. */
export type RunRow = NonNullable<Awaited<ReturnType<Db["run"]["findUnique"]>>>;

export function toRunDto(
  r: RunRow,
  extra: Pick<RunDto, "createdBy" | "lastTrainLoss" | "lastValidLoss" | "agent" | "tags" | "bestEval">,
  pricing: { prices: PriceTable; hourlyUsd: number | null | undefined },
): RunDto {
  const config = parseJsonText<RunConfig>(r.config);
  const snapshot = r.trainFilePath ? parseJsonText<DatasetSnapshot>(r.snapshot) : null;
  const progress = r.status === "succeeded" ? 1 : r.totalSteps && r.currentStep !== null ? Math.min(1, r.currentStep / r.totalSteps) : null;
  const status = r.status as RunStatus;
  return {
    id: r.id,
    projectId: r.projectId,
    name: r.name,
    notes: r.notes,
    backend: r.backend as BackendId,
    baseModel: r.baseModel,
    status: r.status as RunStatus,
    remoteStatus: r.remoteStatus,
    config,
    // Until the submit job has written the files, the row holds only its progress ({ preparing }).
    snapshot,
    preparing: r.trainFilePath ? null : (parseJsonText<{ preparing?: RunDto["preparing"] }>(r.snapshot).preparing ?? { written: 0, total: null }),
    remoteJobId: r.remoteJobId,
    fineTunedModel: r.fineTunedModel,
    trainedTokens: r.trainedTokens,
    totalSteps: r.totalSteps,
    currentStep: r.currentStep,
    currentEpoch: r.currentEpoch,
    progress,
    sweep: r.sweepId ? { id: r.sweepId, label: r.sweepLabel ?? "" } : null,
    cost: runCost({ backend: r.backend, status, config, snapshot, trainedTokens: r.trainedTokens, progress, startedAt: r.startedAt, finishedAt: r.finishedAt }, pricing),
    wallSeconds: wallSeconds(r),
    estimatedFinish: r.estimatedFinish?.toISOString() ?? null,
    error: r.error,
    cancelRequested: r.cancelRequested,
    retryOfId: r.retryOfId,
    parentRunId: r.parentRunId,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ...extra,
  };
}

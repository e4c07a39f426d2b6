import type { DatasetSnapshot, RunConfig, RunDto, RunStatus, BackendId } from "../../schemas/runs";
import { parseJsonText } from "../json-text";
import type { PriceTable } from "../../datasets/cost";
import { runCost, wallSeconds } from "./cost";

type Row = {
  id: string; projectId: string; backend: string; baseModel: string; status: string; remoteStatus: string | null; config: string; snapshot: string; trainFilePath: string;
  remoteJobId: string | null; fineTunedModel: string | null; trainedTokens: number | null; totalSteps: number | null; currentStep: number | null;
  currentEpoch: number | null; estimatedFinish: Date | null; error: string | null; cancelRequested: boolean; retryOfId: string | null;
  createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
};

type SweepCols = { sweepId?: string | null; sweepLabel?: string | null };

export function toRunDto(
  r: Row,
  extra: { createdBy: string | null; lastTrainLoss: number | null; lastValidLoss: number | null; agent: RunDto["agent"] },
  pricing: { prices: PriceTable; hourlyUsd: number | null | undefined },
): RunDto {
  const config = parseJsonText<RunConfig>(r.config);
  const snapshot = r.trainFilePath ? parseJsonText<DatasetSnapshot>(r.snapshot) : null;
  const progress = r.status === "succeeded" ? 1 : r.totalSteps && r.currentStep !== null ? Math.min(1, r.currentStep / r.totalSteps) : null;
  const status = r.status as RunStatus;
  return {
    id: r.id,
    projectId: r.projectId,
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
    sweep: (r as SweepCols).sweepId ? { id: (r as SweepCols).sweepId!, label: (r as SweepCols).sweepLabel ?? "" } : null,
    cost: runCost({ backend: r.backend, status, config, snapshot, trainedTokens: r.trainedTokens, progress, startedAt: r.startedAt, finishedAt: r.finishedAt }, pricing),
    wallSeconds: wallSeconds(r),
    estimatedFinish: r.estimatedFinish?.toISOString() ?? null,
    error: r.error,
    cancelRequested: r.cancelRequested,
    retryOfId: r.retryOfId,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ...extra,
  };
}

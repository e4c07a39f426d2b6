// DPO runs and the loop: a run's parent, children and the evals of both; the DPO form's preview and create.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { DpoPreviewDto, DpoRunCreate, RunDto, RunLineageDto } from "@/lib/schemas/runs";
import { projectScope } from "./projects";
import { putRun } from "./runs";

export const runLineageQuery = (projectId: string, runId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "runs", "run", runId, "lineage"] as const,
    queryFn: ({ signal }) => api.get<RunLineageDto>(apiPath(["projects", projectId, "runs", runId, "lineage"]), signal),
  });

export const dpoPreviewQuery = (projectId: string, runId: string, evalIds: string[], nEpochs: number | "auto") =>
  queryOptions({
    queryKey: [...projectScope(projectId), "runs", "run", runId, "dpo-preview", evalIds, nEpochs] as const,
    queryFn: ({ signal }) =>
      api.get<DpoPreviewDto>(
        apiPath(["projects", projectId, "runs", runId, "dpo"], { evalIds: evalIds.join(","), n_epochs: nEpochs }),
        signal,
      ),
    enabled: evalIds.length > 0,
  });

export function useCreateDpoRun(projectId: string, parentRunId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DpoRunCreate) => api.post<RunDto>(apiPath(["projects", projectId, "runs", parentRunId, "dpo"]), input),
    onSuccess: (run) =>
      Promise.all([putRun(qc, run), qc.invalidateQueries({ queryKey: runLineageQuery(projectId, parentRunId).queryKey })]),
  });
}

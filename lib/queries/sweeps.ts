import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { SweepCreate, SweepDetailDto, SweepDto } from "@/lib/schemas/sweeps";
import { projectScope } from "./projects";
import { RUN_POLL_MS, isTerminal } from "./runs";

const sweepsScope = (projectId: string) => [...projectScope(projectId), "sweeps"] as const;

/** Live while a run or an eval of the sweep is: its curves and numbers fill in as they come. */
const live = (d: SweepDetailDto | undefined) => !!d && d.cells.some((c) => !isTerminal(c.run.status) || (c.eval !== null && !isTerminal(c.eval.status)));

export const sweepQuery = (projectId: string, sweepId: string) =>
  queryOptions({
    queryKey: [...sweepsScope(projectId), sweepId] as const,
    queryFn: ({ signal }) => api.get<SweepDetailDto>(apiPath(["projects", projectId, "sweeps", sweepId]), signal),
    refetchInterval: (q) => (live(q.state.data) ? RUN_POLL_MS : false),
  });

export const sweepsQuery = (projectId: string) =>
  queryOptions({ queryKey: [...sweepsScope(projectId), "list"] as const, queryFn: ({ signal }) => api.get<SweepDto[]>(apiPath(["projects", projectId, "sweeps"]), signal) });

export function useCreateSweep(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SweepCreate) => api.post<SweepDetailDto>(apiPath(["projects", projectId, "sweeps"]), input),
    onSuccess: (d) => qc.setQueryData(sweepQuery(projectId, d.sweep.id).queryKey, d),
  });
}

export function useEvaluateSweep(projectId: string, sweepId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ started: number; waiting: number }>(apiPath(["projects", projectId, "sweeps", sweepId, "evaluate"]), {}),
    onSettled: () => qc.invalidateQueries({ queryKey: sweepsScope(projectId) }),
  });
}

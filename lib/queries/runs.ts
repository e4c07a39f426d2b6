import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import {
  TERMINAL,
  type CheckpointDto,
  type MetricPointDto,
  type MetricsPageDto,
  type RunCreate,
  type RunDto,
  type RunPatch,
  type RunEventDto,
  type RunPreviewDto,
} from "@/lib/schemas/runs";
import { projectScope } from "./projects";
import { HEALTH_POLL_MS, isComputing, type HealthComputingDto } from "./datasets";

export const RUN_POLL_MS = 2_000;
const SLOW_POLL_MS = 5_000;

/** Finished for good: nothing more will change, so polling stops. Unknown statuses count as live. */
export const isTerminal = (status: string): boolean => (TERMINAL as readonly string[]).includes(status);

const runsScope = (projectId: string) => [...projectScope(projectId), "runs"] as const;
const runScope = (projectId: string, runId: string) => [...runsScope(projectId), "run", runId] as const;

/** The newest runs, or only those carrying `tag`. */
export const runsQuery = (projectId: string, tag?: string) =>
  queryOptions({
    queryKey: [...runsScope(projectId), "list", ...(tag ? [tag] : [])] as const,
    queryFn: ({ signal }) => api.get<RunDto[]>(apiPath(["projects", projectId, "runs"], { tag }), signal),
    refetchInterval: (q) => (q.state.data?.some((r) => !isTerminal(r.status)) ? RUN_POLL_MS : false),
  });

/** The snapshot a run would take now; with a base model, the snapshot's cost is priced for it. */
export const runPreviewQuery = (projectId: string, baseModel?: string) =>
  queryOptions({
    queryKey: [...runsScope(projectId), "preview", baseModel ?? null] as const,
    queryFn: ({ signal }) => api.get<RunPreviewDto | HealthComputingDto>(apiPath(["projects", projectId, "runs", "preview"], { baseModel }), signal),
    // The snapshot is what a run would use *now*: never start from a minutes-old one.
    staleTime: 0,
    // Switching models re-prices the same data: keep the last snapshot on screen meanwhile.
    placeholderData: keepPreviousData,
    // A large train split's tokens are counted by the worker: follow it until the snapshot is there.
    refetchInterval: (query) => (query.state.status !== "error" && isComputing(query.state.data) ? HEALTH_POLL_MS : false),
  });

export const runQuery = (projectId: string, runId: string) =>
  queryOptions({
    queryKey: [...runScope(projectId, runId), "detail"] as const,
    queryFn: ({ signal }) => api.get<RunDto>(apiPath(["projects", projectId, "runs", runId]), signal),
    refetchInterval: (q) => (q.state.data && isTerminal(q.state.data.status) ? false : RUN_POLL_MS),
  });

/** All metric points seen so far, sorted by step; replaces a step the server sends again. */
export function mergeMetricPoints(prev: readonly MetricPointDto[], next: readonly MetricPointDto[]): MetricPointDto[] {
  if (next.length === 0) return prev as MetricPointDto[];
  const last = prev.length > 0 ? prev[prev.length - 1].step : -Infinity;
  const sorted = next.every((p, i) => i === 0 || p.step > next[i - 1].step);
  if (sorted && next[0].step > last) return [...prev, ...next];
  const byStep = new Map<number, MetricPointDto>();
  for (const p of prev) byStep.set(p.step, p);
  for (const p of next) byStep.set(p.step, p);
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/**
 * The whole curve, grown by polling: the first fetch gets everything, later ones only the points
 * after the last step held in the cache. When the run turns terminal, one last full fetch replaces
 * the cache (the worker may have filled in late points, e.g. a final full validation loss).
 */
export const runMetricsQuery = (projectId: string, runId: string) =>
  queryOptions({
    queryKey: [...runScope(projectId, runId), "metrics"] as const,
    queryFn: async ({ client, queryKey, signal }): Promise<MetricsPageDto> => {
      const path = (afterStep?: number | null) => apiPath(["projects", projectId, "runs", runId, "metrics"], { afterStep });
      // A long curve comes a page at a time: follow `more` until the newest point.
      const from = async (afterStep: number | null, held: MetricsPageDto["points"] = []): Promise<MetricsPageDto> => {
        let page = await api.get<MetricsPageDto>(path(afterStep), signal);
        let points = mergeMetricPoints(held, page.points);
        while (page.more) {
          page = await api.get<MetricsPageDto>(path(page.lastStep), signal);
          points = mergeMetricPoints(points, page.points);
        }
        return { ...page, points, lastStep: page.lastStep ?? afterStep };
      };
      const held = client.getQueryData<MetricsPageDto>(queryKey);
      if (!held || held.lastStep === null || isTerminal(held.status)) return from(null);
      const page = await from(held.lastStep, held.points);
      return isTerminal(page.status) ? from(null) : page;
    },
    refetchInterval: (q) => (q.state.data && isTerminal(q.state.data.status) ? false : RUN_POLL_MS),
    // A finished curve never changes; a live one is always worth the small incremental fetch.
    staleTime: (q) => (q.state.data && isTerminal(q.state.data.status) ? Infinity : 0),
    // The array is rebuilt on every poll anyway; comparing thousands of points deeply buys nothing.
    structuralSharing: false,
  });

/** Events and checkpoints follow the run: pass whether it is still live (from runQuery). */
export const runEventsQuery = (projectId: string, runId: string, live: boolean) =>
  queryOptions({
    queryKey: [...runScope(projectId, runId), "events"] as const,
    queryFn: ({ signal }) => api.get<RunEventDto[]>(apiPath(["projects", projectId, "runs", runId, "events"]), signal),
    refetchInterval: () => (live ? RUN_POLL_MS : false),
  });

export const runWarningsQuery = (projectId: string, runId: string, live: boolean) =>
  queryOptions({
    queryKey: [...runScope(projectId, runId), "warnings"] as const,
    queryFn: ({ signal }) => api.get<RunEventDto[]>(`${apiPath(["projects", projectId, "runs", runId, "events"])}?level=warn`, signal),
    refetchInterval: () => (live ? SLOW_POLL_MS : false),
  });

export const runCheckpointsQuery = (projectId: string, runId: string, live: boolean) =>
  queryOptions({
    queryKey: [...runScope(projectId, runId), "checkpoints"] as const,
    queryFn: ({ signal }) => api.get<CheckpointDto[]>(apiPath(["projects", projectId, "runs", runId, "checkpoints"]), signal),
    refetchInterval: () => (live ? SLOW_POLL_MS : false),
  });

export const runFileHref = (projectId: string, runId: string, split: "train" | "validation") =>
  apiPath(["projects", projectId, "runs", runId, "files", split]);

/** A run changed (created, cancelled, finished): store it, refresh the list and what hangs off it. */
export function putRun(qc: QueryClient, run: RunDto) {
  qc.setQueryData(runQuery(run.projectId, run.id).queryKey, run);
  return Promise.all([
    qc.invalidateQueries({ queryKey: [...runsScope(run.projectId), "list"] }),
    qc.invalidateQueries({ queryKey: runScope(run.projectId, run.id), predicate: (q) => q.queryKey.at(-1) !== "detail" }),
  ]);
}

/**
 * The run just turned terminal: the worker's last monitoring pass wrote the final events and
 * checkpoints, which stopped polling when the run did. Fetch them (and the list's final losses) once.
 */
export function refreshFinishedRun(qc: QueryClient, projectId: string, runId: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: [...runsScope(projectId), "list"] }),
    qc.invalidateQueries({ queryKey: [...runScope(projectId, runId), "events"] }),
    qc.invalidateQueries({ queryKey: [...runScope(projectId, runId), "warnings"] }),
    qc.invalidateQueries({ queryKey: [...runScope(projectId, runId), "checkpoints"] }),
  ]);
}

export function useCreateRun(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RunCreate) => api.post<RunDto>(apiPath(["projects", projectId, "runs"]), input),
    onSuccess: (run) => putRun(qc, run),
  });
}

export function useCancelRun(projectId: string, runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RunDto>(apiPath(["projects", projectId, "runs", runId, "cancel"])),
    onSuccess: (run) => putRun(qc, run),
  });
}

/** Starts a new run with the same frozen settings; answers the new run. */
export function useRetryRun(projectId: string, runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RunDto>(apiPath(["projects", projectId, "runs", runId, "retry"])),
    onSuccess: (run) => putRun(qc, run),
  });
}

/** Saves a run's name, notes or tags; answers the run as stored. */
export function useUpdateRun(projectId: string, runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: RunPatch) => api.patch<RunDto>(apiPath(["projects", projectId, "runs", runId]), patch),
    onSuccess: (run) => putRun(qc, run),
  });
}

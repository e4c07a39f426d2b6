import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import {
  EVAL_TERMINAL,
  type EvalCompareDto,
  type EvalCreate,
  type EvalDto,
  type EvalResultQuery,
  type EvalResultsPageDto,
  type EvalTargetsDto,
  type PlaygroundAnswerDto,
  type PlaygroundInput,
} from "@/lib/schemas/evals";
import type { EvalReportSettingsDto, EvalReportSettingsPatch } from "@/lib/schemas/eval-report";
import { projectScope } from "./projects";

export const EVAL_POLL_MS = 2_000;

/** Finished for good: the summary is final and polling stops. Unknown statuses count as live. */
export const isEvalTerminal = (status: string): boolean => (EVAL_TERMINAL as readonly string[]).includes(status);

const evalsScope = (projectId: string) => [...projectScope(projectId), "evals"] as const;
const evalScope = (projectId: string, evalId: string) => [...evalsScope(projectId), "eval", evalId] as const;

/** Newest first; with a run id, only the evals of that run's models. Polls while any is live. */
export const evalsQuery = (projectId: string, runId?: string) =>
  queryOptions({
    queryKey: [...evalsScope(projectId), "list", runId ?? null] as const,
    queryFn: ({ signal }) => api.get<EvalDto[]>(apiPath(["projects", projectId, "evals"], { runId }), signal),
    refetchInterval: (q) => (q.state.data?.some((e) => !isEvalTerminal(e.status)) ? EVAL_POLL_MS : false),
  });

export const evalQuery = (projectId: string, evalId: string) =>
  queryOptions({
    queryKey: [...evalScope(projectId, evalId), "detail"] as const,
    queryFn: ({ signal }) => api.get<EvalDto>(apiPath(["projects", projectId, "evals", evalId]), signal),
    refetchInterval: (q) => (q.state.data && isEvalTerminal(q.state.data.status) ? false : EVAL_POLL_MS),
  });

/** One page of per-example results; follows the eval while it runs (pass `live` from evalQuery). */
export const evalResultsQuery = (projectId: string, evalId: string, filters: EvalResultQuery, live: boolean) =>
  queryOptions({
    queryKey: [...evalScope(projectId, evalId), "results", filters] as const,
    queryFn: ({ signal }) =>
      api.get<EvalResultsPageDto>(apiPath(["projects", projectId, "evals", evalId, "results"], { ...filters }), signal),
    // Changing a filter or page keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
    refetchInterval: () => (live ? EVAL_POLL_MS : false),
  });

/** Two evals example by example; polls while either is still running. */
export const evalCompareQuery = (projectId: string, a: string, b: string) =>
  queryOptions({
    queryKey: [...evalsScope(projectId), "compare", a, b] as const,
    queryFn: ({ signal }) => api.get<EvalCompareDto>(apiPath(["projects", projectId, "evals", "compare"], { a, b }), signal),
    refetchInterval: (q) =>
      q.state.data && isEvalTerminal(q.state.data.a.status) && isEvalTerminal(q.state.data.b.status) ? false : EVAL_POLL_MS,
  });

/** What an eval or the playground can call: backends (configured or not), saved endpoints, models trained here. */
export const evalTargetsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...evalsScope(projectId), "targets"] as const,
    queryFn: ({ signal }) => api.get<EvalTargetsDto>(apiPath(["projects", projectId, "eval-targets"]), signal),
  });

/** Saved endpoints appear in every project's targets: an endpoint change makes them all stale. */
export function invalidateEvalTargets(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => q.queryKey[0] === "project" && q.queryKey[2] === "evals" && q.queryKey[3] === "targets",
  });
}

/** An eval changed (created, cancelled): store it and refresh the lists and what hangs off it. */
export function putEval(qc: QueryClient, ev: EvalDto) {
  qc.setQueryData(evalQuery(ev.projectId, ev.id).queryKey, ev);
  return Promise.all([
    qc.invalidateQueries({ queryKey: [...evalsScope(ev.projectId), "list"] }),
    qc.invalidateQueries({ queryKey: [...evalsScope(ev.projectId), "compare"] }),
    qc.invalidateQueries({ queryKey: evalScope(ev.projectId, ev.id), predicate: (q) => q.queryKey.at(-1) !== "detail" }),
  ]);
}

/** The eval just ended: fetch its final results and the lists once (their polling stopped with it). */
export function refreshFinishedEval(qc: QueryClient, projectId: string, evalId: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: [...evalsScope(projectId), "list"] }),
    qc.invalidateQueries({ queryKey: [...evalScope(projectId, evalId), "results"] }),
  ]);
}

export function useCreateEval(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EvalCreate) => api.post<EvalDto>(apiPath(["projects", projectId, "evals"]), input),
    onSuccess: (ev) => putEval(qc, ev),
  });
}

export function useCancelEval(projectId: string, evalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<EvalDto>(apiPath(["projects", projectId, "evals", evalId, "cancel"])),
    onSuccess: (ev) => putEval(qc, ev),
  });
}

/** One request to one or two models, answered synchronously; nothing is stored. */
export function usePlayground(projectId: string) {
  return useMutation({
    mutationFn: (input: PlaygroundInput) => api.post<PlaygroundAnswerDto[]>(apiPath(["projects", projectId, "playground"]), input),
  });
}

/** The pinned baseline eval and the thresholds every report of the project is judged against. */
export const evalSettingsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...evalsScope(projectId), "settings"] as const,
    queryFn: ({ signal }) => api.get<EvalReportSettingsDto>(apiPath(["projects", projectId, "eval-settings"]), signal),
  });

export function useUpdateEvalSettings(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: EvalReportSettingsPatch) => api.patch<EvalReportSettingsDto>(apiPath(["projects", projectId, "eval-settings"]), patch),
    onSuccess: (dto) => qc.setQueryData(evalSettingsQuery(projectId).queryKey, dto),
  });
}

// An eval's failures back into data: add them to training data, count and download preference pairs.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { AddFailures, AddFailuresResultDto, PreferenceCountsDto, PreferenceFormat, FailureVerdict } from "@/lib/schemas/eval-failures";
import { projectScope } from "./projects";

export const preferenceCountsQuery = (projectId: string, evalId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "evals", "eval", evalId, "preference-counts"] as const,
    queryFn: ({ signal }) =>
      api.get<PreferenceCountsDto>(apiPath(["projects", projectId, "evals", evalId, "preference-pairs", "counts"]), signal),
  });

/** The JSONL download of the eval's pairs (all verdicts, or one). */
export const preferenceHref = (projectId: string, evalId: string, format: PreferenceFormat, verdict?: FailureVerdict) =>
  apiPath(["projects", projectId, "evals", evalId, "preference-pairs"], { format, verdict });

/** Adds failures as train examples; the examples' lists, counts and the gauge change. */
export function useAddFailures(projectId: string, evalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddFailures) =>
      api.post<AddFailuresResultDto>(apiPath(["projects", projectId, "evals", evalId, "add-to-training"]), input),
    onSuccess: () => qc.invalidateQueries({ queryKey: projectScope(projectId) }),
  });
}

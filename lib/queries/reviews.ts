import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { Split } from "@/lib/schemas/common";
import type { AgreementDto, ReviewQueueDto, SecondReviewInput, SecondReviewResultDto } from "@/lib/schemas/review";
import { projectScope } from "./projects";

const reviewScope = (projectId: string) => [...projectScope(projectId), "second-review"] as const;

export interface QueueFilters {
  split?: Split;
  tool?: string;
  /** Examples set aside in this sitting. */
  skip?: string[];
}

export const reviewQueueQuery = (projectId: string, f: QueueFilters) =>
  queryOptions({
    queryKey: [...reviewScope(projectId), "queue", f] as const,
    queryFn: ({ signal }) =>
      api.get<ReviewQueueDto>(
        apiPath(["projects", projectId, "second-review", "queue"], {
          split: f.split,
          tool: f.tool,
          skip: f.skip?.length ? f.skip.join(",") : undefined,
        }),
        signal,
      ),
    // The item on screen must not change under the reviewer while they choose.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });

export const agreementQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...reviewScope(projectId), "agreement"] as const,
    queryFn: ({ signal }) => api.get<AgreementDto>(apiPath(["projects", projectId, "second-review", "agreement"]), signal),
  });

/** Submits a blind review; the answer reveals the label. The queue moves on only when the reviewer asks (n). */
export function useSubmitReview(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SecondReviewInput) => api.post<SecondReviewResultDto>(apiPath(["projects", projectId, "second-review"]), input),
    onSuccess: () => qc.invalidateQueries({ queryKey: agreementQuery(projectId).queryKey }),
  });
}

export function invalidateQueue(qc: ReturnType<typeof useQueryClient>, projectId: string) {
  return qc.invalidateQueries({ queryKey: [...reviewScope(projectId), "queue"] });
}

import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiFetch, apiPath } from "@/lib/client/api";
import type {
  CostEstimate,
  GenerationCreate,
  GenerationDto,
  GenerationItemsPageDto,
  GenerationPairCounts,
  GenerationSetupDto,
  RejectionReason,
} from "@/lib/schemas/generate";
import { projectScope } from "./projects";
import { isEvalTerminal } from "./evals";

export const GENERATION_POLL_MS = 1_000;

const scope = (projectId: string) => [...projectScope(projectId), "generations"] as const;

/** Newest first; polls while any is live. */
export const generationsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...scope(projectId), "list"] as const,
    queryFn: ({ signal }) => api.get<GenerationDto[]>(apiPath(["projects", projectId, "generations"]), signal),
    refetchInterval: (q) => (q.state.data?.some((g) => !isEvalTerminal(g.status)) ? GENERATION_POLL_MS : false),
  });

export const generationQuery = (projectId: string, id: string) =>
  queryOptions({
    queryKey: [...scope(projectId), "one", id] as const,
    queryFn: ({ signal }) => api.get<GenerationDto>(apiPath(["projects", projectId, "generations", id]), signal),
    refetchInterval: (q) => (q.state.data && isEvalTerminal(q.state.data.status) ? false : GENERATION_POLL_MS),
  });

/** What the generation's reviews make as preference pairs (read again when the drafts left change). */
export const generationPairsQuery = (projectId: string, id: string, drafts: number) =>
  queryOptions({
    queryKey: [...scope(projectId), "one", id, "pairs", drafts] as const,
    queryFn: ({ signal }) => api.get<GenerationPairCounts>(apiPath(["projects", projectId, "generations", id, "preference-pairs", "counts"]), signal),
  });

/** The JSONL download of the generation's preference pairs. */
export const generationPairsHref = (projectId: string, id: string, format: "openai" | "trl") =>
  `${apiPath(["projects", projectId, "generations", id, "preference-pairs"])}?format=${format}`;

/** One page of a generation's items; `done` (the generation's count) is in the key, so each answer refreshes the page. */
export const generationItemsQuery = (
  projectId: string,
  id: string,
  filter: { outcome?: "accepted" | "rejected"; reason?: RejectionReason; page: number },
  done: number,
) =>
  queryOptions({
    queryKey: [...scope(projectId), "one", id, "items", filter, done] as const,
    queryFn: ({ signal }) =>
      api.get<GenerationItemsPageDto>(apiPath(["projects", projectId, "generations", id, "items"], { ...filter, pageSize: 50 }), signal),
    placeholderData: keepPreviousData,
  });

/** The form's tools, whether multi-turn is offered, and the routing counts for "fill the gauge". */
export const generationSetupQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...scope(projectId), "setup"] as const,
    queryFn: ({ signal }) => api.get<GenerationSetupDto>(apiPath(["projects", projectId, "generations", "setup"]), signal),
  });

/** The cost before starting, for a valid form (`body` null: nothing to ask). */
export const generationEstimateQuery = (projectId: string, body: GenerationCreate | null) =>
  queryOptions({
    queryKey: [...scope(projectId), "estimate", body] as const,
    queryFn: ({ signal }) => apiFetch<CostEstimate>("POST", apiPath(["projects", projectId, "generations", "estimate"]), body, signal),
    enabled: body !== null,
    staleTime: 60_000,
  });

export function useCreateGeneration(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GenerationCreate) => api.post<GenerationDto>(apiPath(["projects", projectId, "generations"]), input),
    onSuccess: (g) => {
      qc.setQueryData(generationQuery(projectId, g.id).queryKey, g);
      return qc.invalidateQueries({ queryKey: [...scope(projectId), "list"] });
    },
  });
}

export function useCancelGeneration(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<GenerationDto>(apiPath(["projects", projectId, "generations", id, "cancel"])),
    onSuccess: (g) => {
      qc.setQueryData(generationQuery(projectId, g.id).queryKey, g);
      return qc.invalidateQueries({ queryKey: [...scope(projectId), "list"] });
    },
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { CatalogueChange, CatalogueImpactDto, CatalogueVersionDto, ToolDto } from "@/lib/schemas/tool";
import { invalidateProject, projectScope } from "./projects";
import type { Revalidation } from "./tools";

export interface PromptDto {
  /** The prompt in effect: the override when set, else the generated one. */
  prompt: string;
  generated: string;
  overridden: boolean;
}

export const catalogueVersionsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "catalogue", "versions"] as const,
    queryFn: ({ signal }) => api.get<CatalogueVersionDto[]>(apiPath(["projects", projectId, "catalogue", "versions"]), signal),
  });

export const promptQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "catalogue", "prompt"] as const,
    queryFn: ({ signal }) => api.get<PromptDto>(apiPath(["projects", projectId, "prompt"]), signal),
  });

/**
 * The impact dry run of a change not saved yet. The key holds the change itself, so an edit makes
 * a new query and an old answer is never shown for a newer draft; it is fetched on request only.
 */
export const catalogueImpactQuery = (projectId: string, change: CatalogueChange) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "catalogue", "impact", change] as const,
    queryFn: () => api.post<CatalogueImpactDto>(apiPath(["projects", projectId, "catalogue", "impact"]), change),
    staleTime: 30_000,
  });

export interface RevertResult {
  tools: ToolDto[];
  catalogueVersion: number;
  revertedTo: number;
  revalidation: Revalidation;
  affectedTools: string[];
}

export function useRevertCatalogue(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<RevertResult>(apiPath(["projects", projectId, "catalogue", "revert"]), { version }),
    onSuccess: () => invalidateProject(qc, projectId),
  });
}

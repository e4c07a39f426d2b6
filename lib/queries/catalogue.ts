import { queryOptions } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { CatalogueVersionDto } from "@/lib/schemas/tool";
import { projectScope } from "./projects";

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

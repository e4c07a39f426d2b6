import { queryOptions } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { ProjectStatsDto } from "@/lib/schemas/stats";
import { projectScope } from "./projects";

export const STATS_POLL_MS = 10_000;

export const statsKey = (projectId: string) => [...projectScope(projectId), "stats"] as const;

export const statsQuery = (projectId: string) =>
  queryOptions({
    queryKey: statsKey(projectId),
    queryFn: ({ signal }) => api.get<ProjectStatsDto>(apiPath(["projects", projectId, "stats"]), signal),
    // Teammates label too: poll so their decisions move the gauge; our own saves invalidate it at once.
    refetchInterval: STATS_POLL_MS,
    staleTime: 0,
  });

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { AgentCreate, AgentDto, AgentPatch } from "@/lib/schemas/agents";

/** The pool's agents; refreshed every 10 s while the page is open (health and busy slots change). */
export const agentsQuery = () => queryOptions({ queryKey: ["agents"], queryFn: ({ signal }) => api.get<AgentDto[]>("/api/agents", signal), refetchInterval: 10_000 });

export function useCreateAgent() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (input: AgentCreate) => api.post<AgentDto>("/api/agents", input), onSettled: () => qc.invalidateQueries({ queryKey: ["agents"] }) });
}

export function useUpdateAgent() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: ({ id, patch }: { id: string; patch: AgentPatch }) => api.patch<AgentDto>(apiPath(["agents", id]), patch), onSettled: () => qc.invalidateQueries({ queryKey: ["agents"] }) });
}

export function useProbeAgent() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<AgentDto>(apiPath(["agents", id, "probe"]), {}), onSettled: () => qc.invalidateQueries({ queryKey: ["agents"] }) });
}

export function useDeleteAgent() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(apiPath(["agents", id])), onSettled: () => qc.invalidateQueries({ queryKey: ["agents"] }) });
}

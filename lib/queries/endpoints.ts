import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { EndpointDto, EndpointInput } from "@/lib/schemas/evals";
import { invalidateEvalTargets } from "./evals";

// Saved OpenAI-compatible endpoints are global (not per project): their keys sit outside projectScope.
export const endpointsKey = ["endpoints"] as const;

export const endpointsQuery = () =>
  queryOptions({
    queryKey: endpointsKey,
    queryFn: ({ signal }) => api.get<EndpointDto[]>(apiPath(["endpoints"]), signal),
  });

function endpointsChanged(qc: QueryClient) {
  return Promise.all([qc.invalidateQueries({ queryKey: endpointsKey }), invalidateEvalTargets(qc)]);
}

export function useCreateEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EndpointInput) => api.post<EndpointDto>(apiPath(["endpoints"]), input),
    onSuccess: () => endpointsChanged(qc),
  });
}

export function useUpdateEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<EndpointInput> }) => api.patch<EndpointDto>(apiPath(["endpoints", id]), patch),
    onSuccess: () => endpointsChanged(qc),
  });
}

export function useDeleteEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPath(["endpoints", id])),
    onSuccess: () => endpointsChanged(qc),
  });
}

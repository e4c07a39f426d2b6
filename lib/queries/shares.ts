// Share links of one thing (lib/schemas/share.ts): list, make, revoke.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { ShareKind, ShareLinkDto } from "@/lib/schemas/share";

export const sharesQuery = (projectId: string, kind: ShareKind, targets: string[]) =>
  queryOptions({
    queryKey: ["projects", projectId, "shares", kind, targets.join(",")],
    queryFn: ({ signal }) => api.get<ShareLinkDto[]>(apiPath(["projects", projectId, "shares"], { kind, targets: targets.join(",") }), signal),
  });

export function useCreateShare(projectId: string, kind: ShareKind, targets: string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => api.post<ShareLinkDto>(apiPath(["projects", projectId, "shares"]), { kind, targets, days }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sharesQuery(projectId, kind, targets).queryKey }),
  });
}

export function useRevokeShare(projectId: string, kind: ShareKind, targets: string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(apiPath(["projects", projectId, "shares", id])),
    onSuccess: () => qc.invalidateQueries({ queryKey: sharesQuery(projectId, kind, targets).queryKey }),
  });
}

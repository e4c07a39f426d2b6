import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { InviteDto, MemberDto, Role } from "@/lib/schemas/auth";

export const membersQuery = () => queryOptions({ queryKey: ["members"], queryFn: ({ signal }) => api.get<MemberDto[]>("/api/members", signal) });
export const invitesQuery = () => queryOptions({ queryKey: ["invites"], queryFn: ({ signal }) => api.get<InviteDto[]>("/api/invites", signal) });

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch<MemberDto>(apiPath(["members", id]), { role }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["members"] }),
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(apiPath(["members", id])), onSettled: () => qc.invalidateQueries({ queryKey: ["members"] }) });
}

export function useCreateInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) => api.post<InviteDto>("/api/invites", input),
    onSettled: () => qc.invalidateQueries({ queryKey: ["invites"] }),
  });
}

export function useRevokeInvite() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(apiPath(["invites", id])), onSettled: () => qc.invalidateQueries({ queryKey: ["invites"] }) });
}

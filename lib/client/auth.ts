// The signed-in member as the browser knows it (GET /api/me) and what their role may do. Hiding a
// button is a courtesy: the server refuses the request anyway (lib/server/http.ts route()).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { roleAllows, type Action, type MeDto } from "@/lib/schemas/auth";
import { api } from "./api";

export const meQuery = queryOptions({ queryKey: ["me"], queryFn: ({ signal }) => api.get<MeDto>("/api/me", signal), staleTime: 60_000, retry: false });

export function useMe(): MeDto | null {
  return useQuery(meQuery).data ?? null;
}

/** Whether the signed-in member may take `action` (false while unknown, so nothing flashes up for a viewer). */
export function useCan(action: Action): boolean {
  const me = useMe();
  return roleAllows(me?.role, action);
}

/** A JSON POST to Better Auth's endpoints (sign-in, sign-out, revoke-session); returns the parsed answer or throws its message. */
export async function authPost<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/auth/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(data?.message ?? data?.error?.message ?? `the server answered ${res.status}`);
  return data as T;
}

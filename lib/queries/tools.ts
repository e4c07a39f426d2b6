import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { ToolDto, ToolInput, ToolPatch } from "@/lib/schemas/tool";
import { invalidateProject, projectScope } from "./projects";

export interface Revalidation {
  mode: "none" | "inline" | "queued";
  checked: number;
  invalid: number;
  newlyInvalid: number;
}

/** What saving a tool answers: the tool, the catalogue version it created, and what it did to examples. */
export interface ToolSaveResult {
  tool: ToolDto;
  catalogueVersion: number;
  revalidation: Revalidation;
  /** The tools whose examples were re-validated. */
  affectedTools: string[];
  /** With "rename in examples too": the examples whose calls were renamed. */
  renamedInExamples?: { mode: "inline" | "queued"; examples: number; calls: number; invalid: number };
}

export const toolsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "tools"] as const,
    queryFn: ({ signal }) => api.get<ToolDto[]>(apiPath(["projects", projectId, "tools"]), signal),
  });

/** Tools a label may use, in catalogue order (what the 1..9 keys choose from). */
export function activeTools(tools: readonly ToolDto[] | undefined): ToolDto[] {
  return (tools ?? []).filter((t) => !t.archived).sort((a, b) => a.position - b.position);
}

// Every catalogue change makes a new catalogue version and re-checks examples, so the whole
// project's cache (examples, stats, prompt, versions) is invalidated. The saved tool goes into the
// cached list at once so the editor can show it before the refetch lands.
function putTool(qc: QueryClient, projectId: string, tool: ToolDto) {
  qc.setQueryData(toolsQuery(projectId).queryKey, (list) => {
    if (!list) return list;
    return list.some((t) => t.id === tool.id) ? list.map((t) => (t.id === tool.id ? tool : t)) : [...list, tool];
  });
}

export function useCreateTool(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ToolInput) => api.post<ToolSaveResult>(apiPath(["projects", projectId, "tools"]), input),
    onSuccess: (res) => {
      putTool(qc, projectId, res.tool);
      return invalidateProject(qc, projectId);
    },
  });
}

export function useUpdateTool(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ toolId, patch }: { toolId: string; patch: ToolPatch }) =>
      api.patch<ToolSaveResult>(apiPath(["projects", projectId, "tools", toolId]), patch),
    onSuccess: (res) => {
      putTool(qc, projectId, res.tool);
      return invalidateProject(qc, projectId);
    },
  });
}

export function useReorderTools(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (order: string[]) =>
      api.post<{ tools: ToolDto[]; catalogueVersion: number }>(apiPath(["projects", projectId, "tools", "reorder"]), { order }),
    onMutate: async (order) => {
      // Move the rows at once; the server's answer replaces them.
      const key = toolsQuery(projectId).queryKey;
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData(key);
      if (before) {
        const byId = new Map(before.map((t) => [t.id, t]));
        const moved = order.flatMap((id, i) => (byId.has(id) ? [{ ...byId.get(id)!, position: i }] : []));
        qc.setQueryData(key, moved);
      }
      return { before };
    },
    onError: (_e, _order, ctx) => {
      if (ctx?.before) qc.setQueryData(toolsQuery(projectId).queryKey, ctx.before);
    },
    onSuccess: (res) => {
      qc.setQueryData(toolsQuery(projectId).queryKey, res.tools);
    },
    onSettled: () => invalidateProject(qc, projectId),
  });
}

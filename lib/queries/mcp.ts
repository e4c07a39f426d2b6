import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { McpImportInput, McpImportResultDto, McpPreviewDto, McpSource } from "@/lib/schemas/mcp";
import { invalidateProject } from "./projects";

/** The stdio MCP servers the operator allowed, by name. */
export const mcpServersQuery = () =>
  queryOptions({
    queryKey: ["mcp-servers"] as const,
    queryFn: ({ signal }) => api.get<{ servers: string[] }>(apiPath(["mcp-servers"]), signal),
  });

/** Reads the server's tools and answers the plan; writes nothing. */
export function useMcpPreview(projectId: string) {
  return useMutation({
    mutationFn: (source: McpSource) => api.post<McpPreviewDto>(apiPath(["projects", projectId, "catalogue", "mcp", "preview"]), { source }),
  });
}

export function useMcpImport(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: McpImportInput) =>
      api.post<McpImportResultDto>(apiPath(["projects", projectId, "catalogue", "mcp", "import"]), input),
    onSuccess: () => invalidateProject(qc, projectId),
  });
}

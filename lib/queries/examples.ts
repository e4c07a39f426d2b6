import { keepPreviousData, queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { ExampleFilters } from "@/lib/client/example-filters";
import type {
  ExampleBulkChange,
  ExampleBulkResultDto,
  ExampleDto,
  ExampleFacetsDto,
  ExampleInput,
  ExampleListDto,
  ExampleNeighboursDto,
  ExampleUndoResultDto,
  ExampleUpdate,
  TrashedExamplesDto,
} from "@/lib/schemas/example";
import { projectListKey, projectQuery, projectScope } from "./projects";
import { statsKey } from "./stats";

export const EXAMPLES_PAGE_SIZE = 50;

export interface RevisionDto {
  version: number;
  author: string;
  createdAt: string;
}

const examplesScope = (projectId: string) => [...projectScope(projectId), "examples"] as const;

export const examplesQuery = (projectId: string, filters: ExampleFilters, page: number, pageSize = EXAMPLES_PAGE_SIZE) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "list", { ...filters, page, pageSize }] as const,
    queryFn: ({ signal }) => api.get<ExampleListDto>(apiPath(["projects", projectId, "examples"], { ...filters, page, pageSize }), signal),
    placeholderData: keepPreviousData,
  });

/** The project's tags and the people who saved its examples, for the list's tag and author filters. */
export const exampleFacetsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "facets"] as const,
    queryFn: ({ signal }) => api.get<ExampleFacetsDto>(apiPath(["projects", projectId, "examples", "facets"]), signal),
    staleTime: 30_000,
  });

export const exampleQuery = (projectId: string, exampleId: string) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "detail", exampleId] as const,
    queryFn: ({ signal }) => api.get<ExampleDto>(apiPath(["projects", projectId, "examples", exampleId]), signal),
    // The editor keeps its own draft; a background refetch must not look like someone else's save.
    refetchOnWindowFocus: false,
  });

export const neighboursQuery = (projectId: string, exampleId: string, filters: ExampleFilters) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "neighbours", exampleId, filters] as const,
    queryFn: ({ signal }) =>
      api.get<ExampleNeighboursDto>(apiPath(["projects", projectId, "examples", exampleId, "neighbours"], { ...filters }), signal),
    staleTime: 5_000,
  });

export const revisionsQuery = (projectId: string, exampleId: string) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "revisions", exampleId] as const,
    queryFn: ({ signal }) => api.get<RevisionDto[]>(apiPath(["projects", projectId, "examples", exampleId, "revisions"]), signal),
  });

/** A saved label moves the gauge, the list, the counts and the neighbours: refresh them all now. */
function afterExampleWrite(qc: QueryClient, projectId: string, saved?: ExampleDto) {
  if (saved) qc.setQueryData(exampleQuery(projectId, saved.id).queryKey, saved);
  return Promise.all([
    qc.invalidateQueries({ queryKey: statsKey(projectId) }),
    qc.invalidateQueries({
      queryKey: examplesScope(projectId),
      // The detail we just stored is fresh; everything else under examples is not.
      predicate: (q) => !(saved && q.queryKey[3] === "detail" && q.queryKey[4] === saved.id),
    }),
    qc.invalidateQueries({ queryKey: projectQuery(projectId).queryKey }),
    qc.invalidateQueries({ queryKey: projectListKey }),
  ]);
}

export function useCreateExample(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ExampleInput) => api.post<ExampleDto>(apiPath(["projects", projectId, "examples"]), input),
    onSuccess: (saved) => afterExampleWrite(qc, projectId, saved),
  });
}

/** A stale `version` fails with ApiError code "conflict" whose `current` is their ExampleDto. */
export function useUpdateExample(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ exampleId, update }: { exampleId: string; update: ExampleUpdate }) =>
      api.put<ExampleDto>(apiPath(["projects", projectId, "examples", exampleId]), update),
    onSuccess: (saved) => afterExampleWrite(qc, projectId, saved),
  });
}

export function useDeleteExample(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (exampleId: string) => api.delete(apiPath(["projects", projectId, "examples", exampleId])),
    onSuccess: (_v, exampleId) => {
      qc.removeQueries({ queryKey: exampleQuery(projectId, exampleId).queryKey });
      return afterExampleWrite(qc, projectId);
    },
  });
}

export const trashedExamplesQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...examplesScope(projectId), "trash"] as const,
    queryFn: ({ signal }) => api.get<TrashedExamplesDto>(apiPath(["projects", projectId, "examples", "trash"]), signal),
  });

export function useRestoreExamples(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post<{ restored: number }>(apiPath(["projects", projectId, "examples", "trash"]), { ids }),
    onSuccess: () => afterExampleWrite(qc, projectId),
  });
}

/** A change to many examples (ids, or everything a filter matches); `dryRun` only counts. */
export function useBulkChange(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: ExampleBulkChange) => api.post<ExampleBulkResultDto>(apiPath(["projects", projectId, "examples", "bulk"]), change),
    onSuccess: (out) => (out.dryRun ? undefined : afterExampleWrite(qc, projectId)),
  });
}

export function useUndoBulkChange(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (changeId: string) =>
      api.post<ExampleUndoResultDto>(apiPath(["projects", projectId, "examples", "bulk", changeId, "undo"]), {}),
    onSuccess: () => afterExampleWrite(qc, projectId),
  });
}

import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath } from "@/lib/client/api";
import type { DeletionSummaryDto, ProjectCreate, ProjectDto, ProjectListItemDto, ProjectPatch, TrashedProjectDto } from "@/lib/schemas/project";

export const projectListKey = ["projects"] as const;
/** Everything cached about one project lives under this prefix. */
export const projectScope = (projectId: string) => ["project", projectId] as const;

export const projectsQuery = () =>
  queryOptions({
    queryKey: projectListKey,
    queryFn: ({ signal }) => api.get<ProjectListItemDto[]>(apiPath(["projects"]), signal),
  });

export const projectQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "detail"] as const,
    queryFn: ({ signal }) => api.get<ProjectDto>(apiPath(["projects", projectId]), signal),
    // While examples are being re-checked against a new catalogue, follow along until it is done.
    refetchInterval: (q) => (q.state.data?.revalidatingVersion != null ? 2_000 : false),
  });

/** After a change that touches a whole project (catalogue, settings), everything about it is stale. */
export function invalidateProject(qc: QueryClient, projectId: string) {
  return Promise.all([qc.invalidateQueries({ queryKey: projectScope(projectId) }), qc.invalidateQueries({ queryKey: projectListKey })]);
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectCreate) => api.post<ProjectDto>(apiPath(["projects"]), input),
    onSuccess: (project) => {
      qc.setQueryData(projectQuery(project.id).queryKey, project);
      return qc.invalidateQueries({ queryKey: projectListKey });
    },
  });
}

export function useUpdateProject(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProjectPatch) => api.patch<ProjectDto>(apiPath(["projects", projectId]), patch),
    onSuccess: (project) => {
      qc.setQueryData(projectQuery(projectId).queryKey, project);
      // Output style, parallel calls and the override change the prompt and example validity.
      return invalidateProject(qc, projectId);
    },
  });
}

export function useRenameProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ project, name }: { project: ProjectDto; name: string }) =>
      api.patch<ProjectDto>(apiPath(["projects", project.id]), { name }),
    onSuccess: (project) => {
      qc.setQueryData(projectQuery(project.id).queryKey, project);
      return qc.invalidateQueries({ queryKey: projectListKey });
    },
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) => api.delete(apiPath(["projects", projectId])),
    onSuccess: (_void, projectId) => {
      qc.removeQueries({ queryKey: projectScope(projectId) });
      void qc.invalidateQueries({ queryKey: trashKey });
      return qc.invalidateQueries({ queryKey: projectListKey });
    },
  });
}

/** What deleting a project would take with it (the confirmation dialog). */
export const deletionQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...projectScope(projectId), "deletion"] as const,
    queryFn: ({ signal }) => api.get<DeletionSummaryDto>(apiPath(["projects", projectId, "deletion"]), signal),
    staleTime: 0,
  });

const trashKey = ["trash"] as const;
export const trashQuery = () => queryOptions({ queryKey: trashKey, queryFn: ({ signal }) => api.get<TrashedProjectDto[]>(apiPath(["trash"]), signal) });

/** Restore, purge one, or empty the trash: the project list and the trash both change. */
export function useTrashAction() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: trashKey }), qc.invalidateQueries({ queryKey: projectListKey })]);
  return {
    restore: useMutation({ mutationFn: (projectId: string) => api.post(apiPath(["trash", projectId, "restore"]), {}), onSuccess: done }),
    purge: useMutation({ mutationFn: (projectId: string) => api.delete(apiPath(["trash", projectId])), onSuccess: done }),
    empty: useMutation({ mutationFn: () => api.delete(apiPath(["trash"])), onSuccess: done }),
  };
}

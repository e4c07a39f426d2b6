import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, apiPath, ApiError } from "@/lib/client/api";
import type { ApiErrorBody } from "@/lib/schemas/common";
import type { ImportCommit, ImportJobDto, ImportStatus, StorageDto } from "@/lib/schemas/imports";
import type { FormatId } from "@/lib/formats/types";
import type { ToolChoices } from "@/lib/datasets/tool-plan";
import { projectScope } from "./projects";

export const IMPORT_POLL_MS = 1_000;
export type ImportFormatChoice = FormatId | "auto";

/** The worker is busy with it: follow along. */
export const isImportActive = (status: ImportStatus) => status === "analysing" || status === "importing" || status === "uploaded";

const importsScope = (projectId: string) => [...projectScope(projectId), "imports"] as const;

export const importsQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...importsScope(projectId), "list"] as const,
    queryFn: ({ signal }) => api.get<ImportJobDto[]>(apiPath(["projects", projectId, "imports"]), signal),
    refetchInterval: (q) => (q.state.data?.some((j) => isImportActive(j.status)) ? IMPORT_POLL_MS : false),
  });

export const importQuery = (projectId: string, importId: string) =>
  queryOptions({
    queryKey: [...importsScope(projectId), "detail", importId] as const,
    queryFn: ({ signal }) => api.get<ImportJobDto>(apiPath(["projects", projectId, "imports", importId]), signal),
    refetchInterval: (q) => (q.state.data && isImportActive(q.state.data.status) ? IMPORT_POLL_MS : false),
  });

/** Disk used by the project's uploads and run files, with the upload limit and quota. */
export const storageQuery = (projectId: string) =>
  queryOptions({
    queryKey: [...importsScope(projectId), "storage"] as const,
    queryFn: ({ signal }) => api.get<StorageDto>(apiPath(["projects", projectId, "storage"]), signal),
    staleTime: 10_000,
  });

export const importErrorsHref = (projectId: string, importId: string) => apiPath(["projects", projectId, "imports", importId, "errors"]);

function putImport(qc: QueryClient, projectId: string, job: ImportJobDto) {
  qc.setQueryData(importQuery(projectId, job.id).queryKey, job);
  void qc.invalidateQueries({ queryKey: storageQuery(projectId).queryKey });
  return qc.invalidateQueries({ queryKey: importsQuery(projectId).queryKey });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends the file itself as the request body. XMLHttpRequest rather than fetch, for its upload
 * progress events; errors come back as the same ApiError that api.ts throws.
 */
export function uploadImport(
  projectId: string,
  input: { file: File; format: ImportFormatChoice },
  onProgress?: (p: UploadProgress) => void,
): Promise<ImportJobDto> {
  const url = apiPath(["projects", projectId, "imports"], { fileName: input.file.name, format: input.format });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : input.file.size });
    xhr.onerror = () => reject(new ApiError(0, "network", "could not reach the server (the upload was interrupted)"));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "the upload was cancelled"));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON (a proxy's error page)
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportJobDto);
      const err = (body as Partial<ApiErrorBody> | null)?.error;
      reject(
        err && typeof err.message === "string"
          ? new ApiError(xhr.status, err.code ?? "error", err.message, { issues: err.issues, field: err.field })
          : new ApiError(xhr.status, "http_error", `the server answered ${xhr.status} ${xhr.statusText}`.trim()),
      );
    };
    xhr.send(input.file);
  });
}

export function useUploadImport(projectId: string, onProgress: (p: UploadProgress) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; format: ImportFormatChoice }) => uploadImport(projectId, input, onProgress),
    onSuccess: (job) => putImport(qc, projectId, job),
  });
}

export function useReanalyseImport(projectId: string, importId: string) {
  const qc = useQueryClient();
  return useMutation({
    /** A format alone reads the file as that format; with toolChoices, the plan's fix-up choices are applied too. */
    mutationFn: (input: FormatId | { format: FormatId; toolChoices: Record<string, ToolChoices> }) =>
      api.post<ImportJobDto>(apiPath(["projects", projectId, "imports", importId, "reanalyse"]), typeof input === "string" ? { format: input } : input),
    onSuccess: (job) => putImport(qc, projectId, job),
  });
}

export function useCommitImport(projectId: string, importId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportCommit) => api.post<ImportJobDto>(apiPath(["projects", projectId, "imports", importId, "commit"]), input),
    onSuccess: (job) => putImport(qc, projectId, job),
  });
}

export function useDiscardImport(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) => api.delete(apiPath(["projects", projectId, "imports", importId])),
    onSuccess: () => qc.invalidateQueries({ queryKey: importsScope(projectId) }),
  });
}

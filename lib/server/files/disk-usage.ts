// What a project keeps on disk, measured (stat), not estimated: its uploads with their reports and
// BFCL answers, and its runs' frozen files. Upload limits and the Data tab use it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { StorageDto } from "../../schemas/imports";
import { db } from "../db";
import { AppError } from "../errors";
import { importFilesOf, uploadLimits } from "../imports/storage";
import { runDir } from "../runs/snapshot";
import { isOwnedPath } from "./data-dir";

function sizeOf(p: string | null | undefined): number {
  if (!p || !isOwnedPath(p)) return 0;
  try {
    const st = statSync(p);
    if (!st.isDirectory()) return st.size;
    return readdirSync(p).reduce((n, name) => n + sizeOf(path.join(p, name)), 0);
  } catch {
    return 0;
  }
}

export async function projectStorage(projectId: string): Promise<StorageDto> {
  const [imports, runs] = await Promise.all([
    db().importJob.findMany({ where: { projectId }, select: { filePath: true, answersPath: true } }),
    db().run.findMany({ where: { projectId }, select: { id: true } }),
  ]);
  const uploadsBytes = imports.reduce((n, j) => n + importFilesOf(j).reduce((m, f) => m + sizeOf(f), 0), 0);
  const runFilesBytes = runs.reduce((n, r) => n + sizeOf(runDir(r.id)), 0);
  const { maxUploadBytes, projectQuotaBytes } = uploadLimits();
  return { usedBytes: uploadsBytes + runFilesBytes, uploadsBytes, runFilesBytes, quotaBytes: projectQuotaBytes, maxUploadBytes };
}

const size = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${Math.round(n / 1024 ** 2)} MB` : `${Math.round(n / 1024)} KB`);

/**
 * The most bytes an upload to this project may have, and the error to give past it: the upload limit,
 * or what is left of the project's quota, whichever is smaller. A declared Content-Length over it is refused before reading.
 */
export async function uploadAllowance(projectId: string, fileName: string, declaredBytes?: number): Promise<{ limit: number; tooLarge: () => AppError }> {
  const s = await projectStorage(projectId);
  const left = Math.max(0, s.quotaBytes - s.usedBytes);
  const byQuota = left < s.maxUploadBytes;
  const limit = Math.min(s.maxUploadBytes, left);
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      byQuota
        ? `${fileName} would take this project over its ${size(s.quotaBytes)} disk quota (${size(s.usedBytes)} used; TOOLTUNE_PROJECT_QUOTA_MB): discard old imports, or ask an admin to raise it`
        : `${fileName} is larger than the ${size(s.maxUploadBytes)} upload limit (TOOLTUNE_MAX_UPLOAD_MB)`,
      { field: "file" },
    );
  if (declaredBytes !== undefined && declaredBytes > limit) throw tooLarge();
  return { limit, tooLarge };
}

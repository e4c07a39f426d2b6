"use client";

import type { StorageDto } from "@/lib/schemas/imports";
import { formatBytes } from "./labels";

/** The project's disk use against its quota, with the upload limit: a thin bar that turns amber past 80%. */
export function StorageNote({ storage }: { storage: StorageDto | undefined }) {
  if (!storage) return null;
  const share = storage.quotaBytes > 0 ? Math.min(1, storage.usedBytes / storage.quotaBytes) : 0;
  return (
    <div className="storage-note small muted" data-testid="storage-note">
      <span>
        Disk used: <strong>{formatBytes(storage.usedBytes)}</strong> of {formatBytes(storage.quotaBytes)} (uploads {formatBytes(storage.uploadsBytes)}, run files{" "}
        {formatBytes(storage.runFilesBytes)}) · files up to {formatBytes(storage.maxUploadBytes)}
      </span>
      <span className={`storage-bar${share > 0.8 ? " is-high" : ""}`} role="meter" aria-label="Disk used of the project's quota" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
        <span style={{ width: `${share * 100}%` }} />
      </span>
    </div>
  );
}

/** Why a file cannot be uploaded, before a byte is sent; null when it can. */
export function uploadRefusal(file: { name: string; size: number }, storage: StorageDto | undefined): string | null {
  if (!storage) return null;
  if (file.size > storage.maxUploadBytes) return `${file.name} is ${formatBytes(file.size)}, over the ${formatBytes(storage.maxUploadBytes)} upload limit.`;
  if (storage.usedBytes + file.size > storage.quotaBytes)
    return `${file.name} (${formatBytes(file.size)}) would take this project over its ${formatBytes(storage.quotaBytes)} disk quota (${formatBytes(storage.usedBytes)} used): discard old imports first.`;
  return null;
}

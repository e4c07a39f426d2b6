"use client";

import { useId, useState, type DragEvent } from "react";
import { FORMAT_IDS } from "@/lib/formats/types";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { useQuery } from "@tanstack/react-query";
import { storageQuery, useUploadImport, type ImportFormatChoice, type UploadProgress } from "@/lib/queries/imports";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { FORMAT_LABEL, formatBytes } from "./labels";
import { ProgressBar } from "./ProgressBar";
import { StorageNote, uploadRefusal } from "./StorageNote";

const ACCEPT = ".jsonl,.json,.ndjson,application/json,application/x-ndjson";

/** A drop zone and file picker; the upload starts as soon as a file is chosen. */
export function UploadForm({ projectId, onUploaded }: { projectId: string; onUploaded: (job: ImportJobDto) => void }) {
  const [format, setFormat] = useState<ImportFormatChoice>("auto");
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const upload = useUploadImport(projectId, setProgress);
  const storage = useQuery(storageQuery(projectId)).data;
  const [refused, setRefused] = useState<string | null>(null);
  const formatId = useId();
  const busy = upload.isPending;

  function start(f: File | undefined) {
    if (!f || busy) return;
    const why = uploadRefusal(f, storage);
    setRefused(why);
    if (why) return;
    setFile(f);
    setProgress({ loaded: 0, total: f.size });
    upload.mutate(
      { file: f, format },
      {
        onSuccess: (job) => {
          onUploaded(job);
          setFile(null);
        },
      },
    );
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    start(e.dataTransfer.files[0]);
  }

  return (
    <div className="upload">
      <div className="field upload-format">
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ImportFormatChoice)} disabled={busy}>
          <option value="auto">Detect automatically</option>
          {FORMAT_IDS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABEL[f]}
            </option>
          ))}
        </select>
        <span className="hint">You can change it after the analysis.</span>
      </div>
      <div
        className={`drop-zone${over ? " is-over" : ""}${busy ? " is-busy" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {busy && file && progress ? (
          <div className="upload-progress">
            <p>
              Uploading <strong>{file.name}</strong>…
            </p>
            <ProgressBar
              value={progress.total > 0 ? progress.loaded / progress.total : 0}
              label={`Uploading ${file.name}`}
              text={`${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`}
              testId="import-upload-progress"
            />
          </div>
        ) : (
          <>
            <p className="drop-zone-text">Drop a .jsonl or .json file here, or</p>
            <label className="btn btn-primary file-button">
              Choose a file…
              <input
                type="file"
                className="sr-only"
                accept={ACCEPT}
                data-testid="import-file"
                onChange={(e) => start(e.target.files?.[0])}
              />
            </label>
            <p className="hint">One example per line (JSONL), or a JSON array (ShareGPT, BFCL). Large files are fine: they are streamed.</p>
          </>
        )}
      </div>
      {refused ? (
        <p className="field-error" role="alert" data-testid="upload-refused">
          {refused}
        </p>
      ) : null}
      {upload.isError ? <ErrorNote error={upload.error} title={`Could not upload ${file?.name ?? "the file"}`} /> : null}
      <StorageNote storage={storage} />
    </div>
  );
}

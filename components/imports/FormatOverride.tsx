"use client";

import { useId, useState } from "react";
import { FORMAT_IDS, type FormatId } from "@/lib/formats/types";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { useReanalyseImport } from "@/lib/queries/imports";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { FORMAT_LABEL } from "./labels";

const isFormat = (f: string): f is FormatId => (FORMAT_IDS as readonly string[]).includes(f);

/** Which format the file was read as, why, and a way to read it as another. */
export function FormatOverride({ projectId, job }: { projectId: string; job: ImportJobDto }) {
  const [format, setFormat] = useState<FormatId>(job.format);
  const reanalyse = useReanalyseImport(projectId, job.id);
  const selectId = useId();
  const detected = isFormat(job.detectedFormat) ? FORMAT_LABEL[job.detectedFormat] : job.detectedFormat;
  const overridden = job.format !== job.detectedFormat;

  return (
    <div className="format-override" data-testid="import-format">
      <div className="stack-tight grow">
        <p>
          Read as <strong>{FORMAT_LABEL[job.format] ?? job.format}</strong>
          {overridden ? (
            <span className="muted"> (you chose it; detection said {detected})</span>
          ) : (
            <span className="muted"> (detected)</span>
          )}
        </p>
        {job.detectReasons.length > 0 ? (
          <details className="small">
            <summary className="muted">Why {detected}?</summary>
            <ul className="detect-reasons">
              {job.detectReasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <form
        className="row row-end"
        onSubmit={(e) => {
          e.preventDefault();
          reanalyse.mutate(format);
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>Read it as</label>
          <select id={selectId} value={format} onChange={(e) => setFormat(e.target.value as FormatId)}>
            {FORMAT_IDS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" disabled={format === job.format || reanalyse.isPending}>
          {reanalyse.isPending ? "Starting…" : "Analyse again"}
        </button>
      </form>
      {reanalyse.isError ? <ErrorNote error={reanalyse.error} title="Could not analyse again" /> : null}
    </div>
  );
}

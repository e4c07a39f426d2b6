"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { importsQuery, isImportActive } from "@/lib/queries/imports";
import { ImportCard } from "./ImportCard";
import { RecentImports } from "./RecentImports";
import { UploadForm } from "./UploadForm";
import { useCan } from "@/lib/client/auth";

/**
 * Upload a file, read the worker's analysis, decide, import. The worker keeps going when the user
 * leaves: on return the newest unfinished import opens again, and the list shows the rest.
 */
export function ImportSection({ projectId }: { projectId: string }) {
  const canImport = useCan("imports.write");
  const list = useQuery(importsQuery(projectId));
  // undefined: nothing chosen yet; null: the user closed the card.
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const unfinished = list.data?.find((j) => isImportActive(j.status) || j.status === "ready")?.id;
  // Coming back to the page reopens the newest unfinished import, and keeps it open once it finishes.
  if (chosen === undefined && unfinished) setChosen(unfinished);
  const open = chosen ?? unfinished ?? null;

  return (
    <section id="import" className="panel data-section" aria-labelledby="import-title">
      <div className="data-section-head">
        <h2 id="import-title" className="section-title">
          Import
        </h2>
        <p className="muted small">
          OpenAI, TRL/Unsloth, ShareGPT, router JSONL or BFCL files. Nothing is added until you have read the analysis and chosen{" "}
          <em>Import</em>.
        </p>
      </div>
      {canImport ? (
        <UploadForm projectId={projectId} onUploaded={(job) => setChosen(job.id)} />
      ) : (
        <p className="muted small">Your role can read imports; an editor can upload and import files.</p>
      )}
      {open ? <ImportCard key={open} projectId={projectId} importId={open} onClose={() => setChosen(null)} /> : null}
      <RecentImports list={list} openId={open} onOpen={(id) => setChosen(id)} />
    </section>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { projectQuery } from "@/lib/queries/projects";
import { ImportSection } from "@/components/imports/ImportSection";
import { HealthSection } from "./HealthSection";
import { SplitSection } from "./SplitSection";
import { ExportSection } from "./ExportSection";

const SECTIONS = [
  { id: "import", label: "Import" },
  { id: "health", label: "Health" },
  { id: "split", label: "Split" },
  { id: "export", label: "Export" },
] as const;

/** Everything that moves data in and out of a project: import files, check them, split, export. */
export function DataPage({ projectId }: { projectId: string }) {
  const project = useQuery(projectQuery(projectId));
  return (
    <div className="page data-page">
      <div className="page-head page-head-tight">
        <h1>Import &amp; export</h1>
        <nav className="data-jump" aria-label="Data sections">
          {SECTIONS.map((s) => (
            <a key={s.id} href={`#${s.id}`} className="btn btn-sm btn-ghost">
              {s.label}
            </a>
          ))}
        </nav>
      </div>
      <ImportSection projectId={projectId} />
      <HealthSection projectId={projectId} outputStyle={project.data?.outputStyle} />
      <SplitSection projectId={projectId} />
      <ExportSection projectId={projectId} outputStyle={project.data?.outputStyle} />
    </div>
  );
}

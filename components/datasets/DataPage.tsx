"use client";

import { useQuery } from "@tanstack/react-query";
import { projectQuery } from "@/lib/queries/projects";
import { statsQuery } from "@/lib/queries/stats";
import { ImportSection } from "@/components/imports/ImportSection";
import { HealthSection } from "./HealthSection";
import { SplitSection } from "./SplitSection";
import { ExportSection } from "./ExportSection";
import { DataSteps } from "./DataSteps";
import { dataSteps } from "./data-steps";

/** Everything that moves data in and out of a project, in the order of the work: import, split, check, export. */
export function DataPage({ projectId }: { projectId: string }) {
  const project = useQuery(projectQuery(projectId));
  const stats = useQuery(statsQuery(projectId));
  // Before a split there is nothing in train: measure (and price) every labelled example instead.
  const trainEmpty = stats.data ? stats.data.perSplit.train.decisions === 0 : false;
  return (
    <div className="page data-page">
      <div className="page-head page-head-tight">
        <h1>Import &amp; export</h1>
      </div>
      <DataSteps steps={dataSteps(stats.data)} />
      <ImportSection projectId={projectId} />
      <SplitSection projectId={projectId} />
      <HealthSection key={trainEmpty ? "labelled" : "train"} projectId={projectId} outputStyle={project.data?.outputStyle} defaultSplit={trainEmpty ? "labelled" : "train"} />
      <ExportSection projectId={projectId} outputStyle={project.data?.outputStyle} />
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { projectQuery } from "@/lib/queries/projects";
import { Loading, LoadError } from "@/components/ui/States";
import { SettingsForm } from "./SettingsForm";
import { EvalReportSettingsPanel } from "@/components/evals/EvalReportSettingsPanel";

export function SettingsPage({ projectId }: { projectId: string }) {
  const project = useQuery(projectQuery(projectId));
  if (!project.data) {
    return project.isError ? <LoadError error={project.error} what="project" onRetry={() => project.refetch()} /> : <Loading label="Loading settings…" />;
  }
  // Keyed by id: the form starts from the saved settings and then owns its draft.
  // The eval report settings save on their own (a dialog with its own form), so they sit outside the settings form.
  return (
    <>
      <SettingsForm key={project.data.id} project={project.data} />
      <div className="page settings-page">
        <EvalReportSettingsPanel projectId={project.data.id} />
      </div>
    </>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { deletionQuery, useDeleteProject } from "@/lib/queries/projects";
import type { ProjectDto } from "@/lib/schemas/project";
import { plural } from "@/lib/client/format";
import { formatBytes } from "@/components/imports/labels";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

/** Says everything that goes with the project, and that live training and evals are stopped first. */
export function DeleteProjectDialog({ project, onClose }: { project: ProjectDto; onClose: () => void }) {
  const del = useDeleteProject();
  const summary = useQuery(deletionQuery(project.id)).data;
  return (
    <ConfirmDialog
      title={`Delete “${project.name}”?`}
      confirmLabel={`Move to trash with ${plural(summary?.examples ?? project.exampleCount, "example")}`}
      busy={del.isPending}
      error={del.error}
      onCancel={onClose}
      onConfirm={() => del.mutate(project.id, { onSuccess: onClose })}
    >
      <p>
        The project <strong>{project.name}</strong> goes to the trash with everything in it:
      </p>
      <ul className="deletion-list" data-testid="deletion-list">
        <li>{plural(summary?.tools ?? project.toolCount, "tool")} and {plural(summary?.catalogueVersions ?? 0, "catalogue version")}</li>
        <li>
          <strong>{plural(summary?.examples ?? project.exampleCount, "example")}</strong> with their history
        </li>
        {summary ? (
          <>
            <li>{plural(summary.imports, "import")}</li>
            <li>
              {plural(summary.runs, "training run")}
              {summary.liveRuns > 0 ? <strong> ({summary.liveRuns} still training: cancelled first, so they stop billing)</strong> : null}
            </li>
            <li>
              {plural(summary.evals, "eval")}
              {summary.liveEvals > 0 ? <strong> ({summary.liveEvals} running: stopped)</strong> : null}
            </li>
            <li>{formatBytes(summary.diskBytes)} of uploads and run files on disk</li>
          </>
        ) : null}
      </ul>
      <p className="muted small">You can restore it from the trash for {summary?.trashDays ?? 30} days; after that it is removed for good.</p>
    </ConfirmDialog>
  );
}

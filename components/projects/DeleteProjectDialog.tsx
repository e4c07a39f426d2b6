"use client";

import { useDeleteProject } from "@/lib/queries/projects";
import type { ProjectDto } from "@/lib/schemas/project";
import { plural } from "@/lib/client/format";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

export function DeleteProjectDialog({ project, onClose }: { project: ProjectDto; onClose: () => void }) {
  const del = useDeleteProject();
  return (
    <ConfirmDialog
      title={`Delete “${project.name}”?`}
      confirmLabel={`Delete project and ${plural(project.exampleCount, "example")}`}
      busy={del.isPending}
      error={del.error}
      onCancel={onClose}
      onConfirm={() => del.mutate(project.id, { onSuccess: onClose })}
    >
      <p>
        This deletes the project <strong>{project.name}</strong> with its {plural(project.toolCount, "tool")}, its catalogue history and{" "}
        <strong>{plural(project.exampleCount, "example")}</strong>. It cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

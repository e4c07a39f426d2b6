"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useRenameProject } from "@/lib/queries/projects";
import { LIMITS } from "@/lib/schemas/common";
import type { ProjectDto } from "@/lib/schemas/project";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { When } from "@/components/ui/When";
import { useCan } from "@/lib/client/auth";

export function ProjectRow({ project, onDelete }: { project: ProjectDto; onDelete: () => void }) {
  const canRename = useCan("projects.update");
  const canDelete = useCan("projects.delete");
  const rename = useRenameProject();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);
  const href = `/projects/${encodeURIComponent(project.id)}/examples`;

  function save(e?: FormEvent) {
    e?.preventDefault();
    const next = name.trim();
    if (!next || next === project.name) {
      setEditing(false);
      setName(project.name);
      return;
    }
    rename.mutate({ project, name: next }, { onSuccess: () => setEditing(false) });
  }

  function startEditing() {
    setName(project.name);
    rename.reset();
    setEditing(true);
  }

  return (
    <tr>
      <td className="cell-main">
        {editing ? (
          <form onSubmit={save} className="inline-edit">
            <label className="sr-only" htmlFor={`rename-${project.id}`}>
              New name for {project.name}
            </label>
            <input
              id={`rename-${project.id}`}
              autoFocus
              value={name}
              maxLength={LIMITS.projectName}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  setEditing(false);
                  setName(project.name);
                }
              }}
              disabled={rename.isPending}
            />
            <button type="submit" className="btn btn-sm btn-primary" disabled={rename.isPending || !name.trim()}>
              Save
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {rename.isError ? <ErrorNote error={rename.error} /> : null}
          </form>
        ) : (
          <>
            <Link href={href} className="project-link">
              {project.name}
            </Link>
            {project.description ? <div className="muted small clamp-1">{project.description}</div> : null}
          </>
        )}
      </td>
      <td className="num">{project.exampleCount}</td>
      <td className="num">{project.toolCount}</td>
      <td>
        <code className="small">{project.outputStyle}</code>
      </td>
      <td className="muted small">
        <When iso={project.updatedAt} />
      </td>
      <td className="actions">
        {!editing ? (
          <>
            {canRename ? (
              <button type="button" className="btn btn-sm btn-ghost" onClick={startEditing} aria-label={`Rename ${project.name}`}>
                Rename
              </button>
            ) : null}
            {canDelete ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost btn-danger-text"
                onClick={onDelete}
                aria-label={`Delete ${project.name}`}
              >
                Delete
              </button>
            ) : null}
          </>
        ) : null}
      </td>
    </tr>
  );
}

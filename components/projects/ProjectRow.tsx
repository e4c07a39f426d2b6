"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useRenameProject } from "@/lib/queries/projects";
import { LIMITS } from "@/lib/schemas/common";
import type { ProjectListItemDto, ProjectSummaryDto } from "@/lib/schemas/project";
import { formatCount, plural } from "@/lib/client/format";
import { bandOf, formatPercent } from "@/lib/gauge";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { When } from "@/components/ui/When";
import { useCan } from "@/lib/client/auth";

export function ProjectRow({ project, onDelete }: { project: ProjectListItemDto; onDelete: () => void }) {
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
            {project.description ? (
              <div className="muted small clamp-2" title={project.description}>
                {project.description}
              </div>
            ) : null}
            <div className="muted small">
              {plural(project.toolCount, "tool")} · <code>{project.outputStyle}</code>
            </div>
          </>
        )}
      </td>
      <td className="num" data-testid="project-examples">
        {formatCount(project.exampleCount)}
      </td>
      <NoToolCell summary={project.summary} />
      <LastRunCell projectId={project.id} summary={project.summary} />
      <BestEvalCell projectId={project.id} summary={project.summary} />
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

function NoToolCell({ summary }: { summary: ProjectSummaryDto }) {
  if (summary.noToolRatio === null) {
    return (
      <td className="num muted" data-testid="project-notool" title="No labelled routing decisions yet">
        —
      </td>
    );
  }
  const band = bandOf(summary.noToolRatio);
  return (
    <td
      className="num"
      data-testid="project-notool"
      title={`Of ${plural(summary.routingDecisions, "routing decision")} in labelled examples; 10–20% is the recommended band`}
    >
      <span className={`notool-share notool-${band}`}>{formatPercent(summary.noToolRatio)}</span>
    </td>
  );
}

function LastRunCell({ projectId, summary }: { projectId: string; summary: ProjectSummaryDto }) {
  const run = summary.lastRun;
  if (!run) {
    return (
      <td className="muted small" data-testid="project-last-run">
        No runs yet
      </td>
    );
  }
  return (
    <td className="small" data-testid="project-last-run">
      <Link
        href={`/projects/${encodeURIComponent(projectId)}/runs/${encodeURIComponent(run.id)}`}
        className="summary-link"
        title={run.baseModel}
      >
        <RunStatusBadge run={{ status: run.status, remoteStatus: null, cancelRequested: false }} />
      </Link>{" "}
      <span className="muted">
        <When iso={run.finishedAt ?? run.createdAt} />
      </span>
    </td>
  );
}

function BestEvalCell({ projectId, summary }: { projectId: string; summary: ProjectSummaryDto }) {
  const best = summary.bestEval;
  if (!best) {
    return (
      <td className="muted small" data-testid="project-best-eval">
        No evals yet
      </td>
    );
  }
  return (
    <td className="small" data-testid="project-best-eval">
      <Link
        href={`/projects/${encodeURIComponent(projectId)}/evals/${encodeURIComponent(best.id)}`}
        className="summary-link"
        title={`${best.name}: exact match ${formatCount(best.n)} of ${formatCount(best.d)}`}
      >
        <strong>{formatPercent(best.exactMatch)}</strong> exact
      </Link>
      <div className="muted clamp-1">{best.model}</div>
    </td>
  );
}

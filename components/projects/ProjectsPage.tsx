"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import Link from "next/link";
import { projectsQuery } from "@/lib/queries/projects";
import type { ProjectListItemDto } from "@/lib/schemas/project";
import { LIMITS } from "@/lib/schemas/common";
import { formatCount } from "@/lib/client/format";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { CreateProjectForm } from "./CreateProjectForm";
import { DeleteProjectDialog } from "./DeleteProjectDialog";
import { ProjectRow } from "./ProjectRow";

export function ProjectsPage() {
  const projects = useQuery(projectsQuery());
  const [deleting, setDeleting] = useState<ProjectListItemDto | null>(null);

  return (
    <div className="page page-medium projects-page">
      <div className="page-head">
        <div>
          <h1>Projects</h1>
          <p className="muted">Each project is one tool catalogue and the examples that teach a model to use it.</p>
        </div>
        <Link href="/trash" className="btn btn-ghost">
          Trash
        </Link>
      </div>
      <CreateProjectForm />
      <section aria-labelledby="project-list-title" className="panel">
        <h2 id="project-list-title" className="sr-only">
          All projects
        </h2>
        {projects.isPending ? (
          <Loading label="Loading projects…" />
        ) : !projects.data ? (
          <LoadError error={projects.error} what="projects" onRetry={() => projects.refetch()} />
        ) : projects.data.length === 0 ? (
          <Empty title="No projects yet">
            <p className="muted">Create one above: give it a name, then add tools in its Catalogue.</p>
          </Empty>
        ) : (
          <div className="table-scroll">
            <table className="table projects-table" data-testid="projects-table">
              <colgroup>
                <col />
                <col className="col-count" />
                <col className="col-ratio" />
                <col className="col-run" />
                <col className="col-eval" />
                <col className="col-when" />
                <col className="col-actions" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Examples
                  </th>
                  <th
                    scope="col"
                    className="num"
                    title="Share of routing decisions in labelled examples that need no tool, as the gauge counts it"
                  >
                    no_tool
                  </th>
                  <th scope="col">Last run</th>
                  <th scope="col">Best eval</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.data.map((p) => (
                  <ProjectRow key={p.id} project={p} onDelete={() => setDeleting(p)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {projects.data && projects.data.length >= LIMITS.projectsListed ? (
        <p className="muted small">Showing the newest {formatCount(LIMITS.projectsListed)} projects.</p>
      ) : null}
      {deleting ? <DeleteProjectDialog project={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}

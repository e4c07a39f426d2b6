"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import Link from "next/link";
import { projectsQuery } from "@/lib/queries/projects";
import type { ProjectDto } from "@/lib/schemas/project";
import { LIMITS } from "@/lib/schemas/common";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { CreateProjectForm } from "./CreateProjectForm";
import { DeleteProjectDialog } from "./DeleteProjectDialog";
import { ProjectRow } from "./ProjectRow";

export function ProjectsPage() {
  const projects = useQuery(projectsQuery());
  const [deleting, setDeleting] = useState<ProjectDto | null>(null);

  return (
    <div className="page page-narrow">
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
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Examples
                </th>
                <th scope="col" className="num">
                  Tools
                </th>
                <th scope="col">Output style</th>
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
        )}
      </section>
      {projects.data && projects.data.length >= LIMITS.projectsListed ? (
        <p className="muted small">Showing the newest {LIMITS.projectsListed.toLocaleString("en-US")} projects.</p>
      ) : null}
      {deleting ? <DeleteProjectDialog project={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}

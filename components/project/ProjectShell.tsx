"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";
import { projectQuery, projectScope } from "@/lib/queries/projects";
import { LoadError } from "@/components/ui/States";

const TABS = [
  { slug: "examples", label: "Examples" },
  { slug: "generate", label: "Generate" },
  { slug: "review", label: "Second review" },
  { slug: "catalogue", label: "Catalogue" },
  { slug: "data", label: "Data" },
  { slug: "runs", label: "Runs" },
  { slug: "evals", label: "Evals" },
  { slug: "playground", label: "Playground" },
  { slug: "settings", label: "Settings" },
] as const;

export function ProjectShell({ projectId, children }: { projectId: string; children: ReactNode }) {
  const qc = useQueryClient();
  const project = useQuery(projectQuery(projectId));
  const pathname = usePathname();
  const revalidating = project.data?.revalidatingVersion ?? null;
  const wasRevalidating = useRef(revalidating);
  useEffect(() => {
    // The worker finished re-checking examples: invalid flags and the gauge have changed.
    if (wasRevalidating.current !== null && revalidating === null) void qc.invalidateQueries({ queryKey: projectScope(projectId) });
    wasRevalidating.current = revalidating;
  }, [revalidating, projectId, qc]);
  const base = `/projects/${encodeURIComponent(projectId)}`;

  // A failed background refresh keeps showing what we have; only a failed first load replaces the page.
  if (project.isError && !project.data) {
    return (
      <div className="page">
        <LoadError error={project.error} what="project" onRetry={() => project.refetch()} />
        <p>
          <Link href="/">← All projects</Link>
        </p>
      </div>
    );
  }

  const p = project.data;
  return (
    <div className="project-shell">
      <div className="project-bar">
        <div className="project-title">
          <Link href="/" className="crumb">
            Projects
          </Link>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <span className="project-name">{p ? p.name : "…"}</span>
          {p ? (
            <span className="muted small" title="Every catalogue change creates a version; examples are checked against the newest one.">
              catalogue v{p.catalogueVersion}
            </span>
          ) : null}
        </div>
        <nav className="tabs" aria-label="Project sections">
          {TABS.map((t) => {
            const href = `${base}/${t.slug}`;
            const active = pathname === href || pathname.startsWith(href + "/");
            return (
              <Link key={t.slug} href={href} className={`tab${active ? " tab-active" : ""}`} aria-current={active ? "page" : undefined}>
                {t.label}
              </Link>
            );
          })}
        </nav>
      </div>
      {p?.revalidatingVersion != null ? (
        <div className="banner banner-info" role="status">
          Re-checking examples against catalogue v{p.revalidatingVersion}… invalid flags and the gauge update when it finishes.
        </div>
      ) : null}
      {children}
    </div>
  );
}

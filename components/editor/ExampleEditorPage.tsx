"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { filtersFromParams, filtersToSearch, pageFromParams } from "@/lib/client/example-filters";
import { exampleQuery } from "@/lib/queries/examples";
import { projectQuery } from "@/lib/queries/projects";
import { toolsQuery } from "@/lib/queries/tools";
import type { Split } from "@/lib/schemas/common";
import type { ExampleDto } from "@/lib/schemas/example";
import { Loading, LoadError } from "@/components/ui/States";
import { ExampleEditor } from "./ExampleEditor";

export interface NewExampleDefaults {
  split: Split;
  tags: string[];
}

/** Loads what the editor needs, and owns what outlives one form: reloads, and the "new example" loop. */
export function ExampleEditorPage({ projectId, exampleId }: { projectId: string; exampleId: string | null }) {
  const qc = useQueryClient();
  const params = useSearchParams();
  const filters = filtersFromParams(params);
  const search = filtersToSearch(filters, pageFromParams(params));
  const project = useQuery(projectQuery(projectId));
  const tools = useQuery(toolsQuery(projectId));
  const example = useQuery({ ...exampleQuery(projectId, exampleId ?? "-"), enabled: exampleId !== null });
  // Bumped to start the form afresh: after "Load their version", or after creating in the new-example loop.
  const [generation, setGeneration] = useState(0);
  const [created, setCreated] = useState<ExampleDto | null>(null);
  const [defaults, setDefaults] = useState<NewExampleDefaults>({ split: "unassigned", tags: [] });
  const listHref = `/projects/${encodeURIComponent(projectId)}/examples${search}`;

  // Only a failed first load replaces the editor: a failed background refresh must never drop a draft.
  const failed = (!project.data && project.error) || (!tools.data && tools.error) || (exampleId && !example.data && example.error) || null;
  if (failed) {
    return (
      <div className="page">
        <LoadError
          error={failed}
          what={exampleId && example.error ? "example" : "project"}
          onRetry={() => (example.refetch(), project.refetch(), tools.refetch())}
        />
        <Link href={listHref}>← Back to the examples</Link>
      </div>
    );
  }
  if (!project.data || !tools.data || (exampleId && !example.data)) return <Loading label="Loading example…" />;

  return (
    <ExampleEditor
      key={`${exampleId ?? "new"}:${generation}`}
      project={project.data}
      tools={tools.data}
      initial={exampleId ? example.data! : null}
      defaults={defaults}
      filters={filters}
      search={search}
      listHref={listHref}
      justCreated={exampleId ? null : created}
      onLoadTheirs={(theirs) => {
        qc.setQueryData(exampleQuery(projectId, theirs.id).queryKey, theirs);
        setGeneration((g) => g + 1);
      }}
      onCreatedNext={(saved, used) => {
        setCreated(saved);
        setDefaults(used);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

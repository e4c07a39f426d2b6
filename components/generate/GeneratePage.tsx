"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCount, formatWhen } from "@/lib/client/format";
import { useCan } from "@/lib/client/auth";
import { generationsQuery, useCancelGeneration } from "@/lib/queries/generate";
import { isEvalTerminal } from "@/lib/queries/evals";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { GenerateForm } from "./GenerateForm";
import { costText, GenerationProgress, teacherLabel } from "./GenerationProgress";

/** Candidates from a teacher model: the form, then every generation of the project, newest first. */
export function GeneratePage({ projectId }: { projectId: string }) {
  const canWrite = useCan("examples.write");
  const list = useQuery(generationsQuery(projectId));
  const cancel = useCancelGeneration(projectId);
  const base = `/projects/${encodeURIComponent(projectId)}/generate`;
  return (
    <div className="page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>Generate</h1>
          <p className="muted small">
            Ask a teacher model for candidate examples: varied requests with their tool calls, and boundary negatives that must not call a
            tool. Each candidate is parsed and checked against the catalogue like an eval answer, deduplicated, and saved as a draft for
            review.
          </p>
        </div>
      </div>
      {canWrite ? <GenerateForm projectId={projectId} /> : null}
      <section className="panel" aria-labelledby="generations-title">
        <h2 id="generations-title" className="panel-title">
          Generations
        </h2>
        {list.isPending ? (
          <Loading label="Loading generations…" />
        ) : !list.data ? (
          <LoadError error={list.error} what="generations" onRetry={() => list.refetch()} />
        ) : list.data.length === 0 ? (
          <Empty title="No generation yet." />
        ) : (
          <table className="table" data-testid="generations-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Teacher</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Drafts to review</th>
                <th scope="col">Cost so far</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link href={`${base}/${encodeURIComponent(g.id)}`}>{formatWhen(g.createdAt)}</Link>{" "}
                    <code className="small">{g.tag}</code>
                  </td>
                  <td>{teacherLabel(g)}</td>
                  <td>{g.cancelRequested && !isEvalTerminal(g.status) ? "cancelling" : g.status}</td>
                  <td>
                    <GenerationProgress g={g} compact />
                  </td>
                  <td>{formatCount(g.drafts)}</td>
                  <td>{costText(g)}</td>
                  <td>
                    {canWrite && !isEvalTerminal(g.status) && !g.cancelRequested ? (
                      <button type="button" className="btn btn-sm" onClick={() => cancel.mutate(g.id)} disabled={cancel.isPending}>
                        Cancel
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import Link from "next/link";
import { trashQuery, useTrashAction } from "@/lib/queries/projects";
import { plural } from "@/lib/client/format";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { useCan } from "@/lib/client/auth";

/** Deleted projects, restorable until their purge date; emptying removes them and their files for good. */
export function TrashPage() {
  const canDelete = useCan("projects.delete");
  const trash = useQuery(trashQuery());
  const { restore, purge, empty } = useTrashAction();
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const failed = restore.error ?? purge.error;

  return (
    <div className="page page-narrow">
      <div className="page-head">
        <div>
          <h1>Trash</h1>
          <p className="muted">
            Deleted projects stay here for 30 days, then go for good. <Link href="/">Back to projects</Link>
          </p>
        </div>
        {canDelete && trash.data && trash.data.length > 0 ? (
          <button type="button" className="btn btn-danger" onClick={() => setConfirmEmpty(true)}>
            Empty trash
          </button>
        ) : null}
      </div>
      {failed ? <ErrorNote error={failed} /> : null}
      <section className="panel" aria-label="Deleted projects">
        {trash.isPending ? (
          <Loading label="Loading the trash…" />
        ) : !trash.data ? (
          <LoadError error={trash.error} what="the trash" onRetry={() => trash.refetch()} />
        ) : trash.data.length === 0 ? (
          <Empty title="The trash is empty">
            <p className="muted">Deleted projects appear here and can be restored for 30 days.</p>
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Contents</th>
                <th scope="col">Deleted</th>
                <th scope="col">Removed for good</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trash.data.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td className="muted small">
                    {plural(p.examples, "example")}, {plural(p.runs, "run")}, {plural(p.evals, "eval")}
                  </td>
                  <td>
                    <When iso={p.deletedAt} />
                  </td>
                  <td>
                    <When iso={p.purgeAt} />
                  </td>
                  <td className="row-actions">
                    {canDelete ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => restore.mutate(p.id)}
                          disabled={restore.isPending}
                          aria-label={`Restore ${p.name}`}
                        >
                          Restore
                        </button>
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost"
                          onClick={() => purge.mutate(p.id)}
                          disabled={purge.isPending}
                          aria-label={`Delete ${p.name} for good`}
                        >
                          Delete for good
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {confirmEmpty && trash.data ? (
        <ConfirmDialog
          title="Empty the trash?"
          confirmLabel={`Delete ${plural(trash.data.length, "project")} for good`}
          busy={empty.isPending}
          error={empty.error}
          onCancel={() => setConfirmEmpty(false)}
          onConfirm={() => empty.mutate(undefined, { onSuccess: () => setConfirmEmpty(false) })}
        >
          <p>
            {plural(trash.data.length, "project")} and all their examples, runs, evals and files are removed for good. This cannot be
            undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

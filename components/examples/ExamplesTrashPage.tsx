"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/lib/client/auth";
import { trashedExamplesQuery, useRestoreExamples } from "@/lib/queries/examples";
import { formatCount } from "@/lib/client/format";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";

/** Examples moved to the trash from the list's bulk bar, newest first; any can be put back with its number and history. */
export function ExamplesTrashPage({ projectId }: { projectId: string }) {
  const trash = useQuery(trashedExamplesQuery(projectId));
  const restore = useRestoreExamples(projectId);
  const canWrite = useCan("examples.write");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<number | null>(null);
  const list = `/projects/${encodeURIComponent(projectId)}/examples`;
  const items = trash.data?.items ?? [];

  async function restoreChosen(ids: string[]) {
    const r = await restore.mutateAsync(ids).catch(() => null);
    if (r) {
      setDone(r.restored);
      setChosen(new Set());
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Trashed examples {trash.data ? <span className="muted count">{formatCount(trash.data.total)}</span> : null}</h1>
        <Link href={list} className="btn">
          ← Examples
        </Link>
      </div>
      <p className="muted">
        Examples moved to the trash from the list stay here for 30 days. Restoring one puts it back with its number and its history.
      </p>
      {done !== null ? (
        <div className="banner banner-ok" role="status">
          Restored {formatCount(done)} {done === 1 ? "example" : "examples"}.
        </div>
      ) : null}
      {restore.error ? <ErrorNote error={restore.error} /> : null}
      <section className="panel panel-flush" aria-label="Trashed examples">
        {trash.isPending ? (
          <Loading label="Loading the trash…" />
        ) : !trash.data ? (
          <LoadError error={trash.error} what="the trash" onRetry={() => trash.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="The trash is empty" />
        ) : (
          <>
            {canWrite ? (
              <div className="bulk-row panel-toolbar">
                <button
                  type="button"
                  className="btn btn-sm btn-primary"
                  disabled={chosen.size === 0 || restore.isPending}
                  onClick={() => restoreChosen([...chosen])}
                  data-testid="restore-chosen"
                >
                  Restore {chosen.size > 0 ? formatCount(chosen.size) : ""} chosen
                </button>
              </div>
            ) : null}
            <table className="table">
              <thead>
                <tr>
                  {canWrite ? (
                    <th scope="col" className="cell-check">
                      <input
                        type="checkbox"
                        aria-label="Choose every example shown"
                        checked={items.every((i) => chosen.has(i.id))}
                        onChange={(e) => setChosen(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
                      />
                    </th>
                  ) : null}
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Request</th>
                  <th scope="col">Trashed</th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <tr key={t.id} data-testid="trashed-row">
                    {canWrite ? (
                      <td className="cell-check">
                        <input
                          type="checkbox"
                          aria-label={`Choose example ${t.number}`}
                          checked={chosen.has(t.id)}
                          onChange={() =>
                            setChosen((c) => {
                              const n = new Set(c);
                              if (n.has(t.id)) n.delete(t.id);
                              else n.add(t.id);
                              return n;
                            })
                          }
                        />
                      </td>
                    ) : null}
                    <td className="num mono">{t.number}</td>
                    <td>
                      <span className="clamp-1">{t.request || <span className="muted">(empty request)</span>}</span>
                    </td>
                    <td className="muted small nowrap">
                      <When iso={t.trashedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {trash.data.total > items.length ? (
              <p className="muted small list-keys">
                The newest {formatCount(items.length)} of {formatCount(trash.data.total)} are shown; restore these to see older ones.
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

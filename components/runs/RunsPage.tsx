"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { runsQuery } from "@/lib/queries/runs";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { CompareView } from "./CompareView";
import { RunsTable } from "./RunsTable";
import { RUN_COLOURS } from "./labels";
import { useCan } from "@/lib/client/auth";

/**
 * Every fine-tuning run of the project, newest first; pick two or more to compare their curves and
 * settings. The compared runs are in the URL (?compare=ID,ID), so a reload or a copied link keeps them.
 */
export function RunsPage({ projectId }: { projectId: string }) {
  const runs = useQuery(runsQuery(projectId));
  const router = useRouter();
  const pathname = usePathname();
  const inUrl = (useSearchParams().get("compare") ?? "").split(",").filter(Boolean);
  // In the order they were picked, so a run keeps its colour while others come and go.
  const [picked, setPickedState] = useState<string[]>(inUrl);
  const comparing = inUrl.length >= 2;
  const showCompare = (ids: string[] | null) =>
    router.replace(ids && ids.length >= 2 ? `${pathname}?compare=${ids.map(encodeURIComponent).join(",")}` : pathname, { scroll: false });
  const setPicked = (ids: string[]) => {
    setPickedState(ids);
    if (comparing) showCompare(ids);
  };
  const setComparing = (on: boolean) => showCompare(on ? selected : null);
  const base = `/projects/${encodeURIComponent(projectId)}/runs`;

  const all = runs.data ?? [];
  const selected = picked.filter((id) => all.some((r) => r.id === id));
  const colourOf = (id: string) => {
    const i = selected.indexOf(id);
    return i < 0 ? undefined : RUN_COLOURS[i % RUN_COLOURS.length];
  };
  const canRun = useCan("runs.write");
  const toggle = (id: string) => setPicked(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);

  return (
    <div className="page runs-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>Runs</h1>
          <p className="muted small">
            Fine-tuning jobs started from this project&apos;s train and validation splits, with the exact data each one used.
          </p>
        </div>
        {canRun ? (
          <Link href={`${base}/new`} className="btn btn-primary" data-testid="new-run">
            New run
          </Link>
        ) : null}
      </div>
      {runs.isPending ? (
        <Loading label="Loading runs…" />
      ) : !runs.data ? (
        <LoadError error={runs.error} what="runs" onRetry={() => runs.refetch()} />
      ) : all.length === 0 ? (
        <div className="panel">
          <Empty title="No runs yet">
            <p className="muted">
              A run fine-tunes a base model on the labelled examples in the train split (and checks it on the validation split). Split your
              data on the <Link href={`/projects/${encodeURIComponent(projectId)}/data#split`}>Data</Link> tab, then start one.
            </p>
            <Link href={`${base}/new`} className="btn btn-primary">
              New run
            </Link>
          </Empty>
        </div>
      ) : (
        <>
          <div className="panel panel-flush scroll-x">
            <RunsTable
              runs={all}
              hrefFor={(id) => `${base}/${encodeURIComponent(id)}`}
              selected={new Set(selected)}
              onToggle={toggle}
              colourOf={colourOf}
            />
          </div>
          <div className="compare-bar row row-wrap" role="group" aria-label="Compare runs">
            <span className="muted small" aria-live="polite">
              {selected.length === 0 ? "Tick two or more runs to compare their loss curves and settings." : `${selected.length} selected`}
            </span>
            <button
              type="button"
              className="btn btn-sm"
              disabled={selected.length < 2}
              onClick={() => setComparing(true)}
              data-testid="compare-runs"
            >
              Compare
            </button>
            {selected.length > 0 ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => {
                  setPicked([]);
                  setComparing(false);
                }}
              >
                Clear selection
              </button>
            ) : null}
          </div>
          {comparing && selected.length >= 2 ? (
            <CompareView
              runs={selected.map((id) => all.find((r) => r.id === id)!)}
              colourOf={(id) => colourOf(id) ?? RUN_COLOURS[0]}
              onClose={() => setComparing(false)}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

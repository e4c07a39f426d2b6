"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { runsQuery } from "@/lib/queries/runs";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { CompareView } from "./CompareView";
import { RunsTable } from "./RunsTable";
import { RUN_COLOURS, formatCount, tagCounts } from "./labels";
import { useCan } from "@/lib/client/auth";

/**
 * Every fine-tuning run of the project, newest first; pick two or more to compare their curves and
 * settings. The compared runs are in the URL (?compare=ID,ID), so a reload or a copied link keeps them.
 */
export function RunsPage({ projectId }: { projectId: string }) {
  const params = useSearchParams();
  const tag = params.get("tag") || null;
  // Every run, for the tag choices (and the comparison); the filtered list when a tag is chosen.
  const everyRun = useQuery(runsQuery(projectId));
  const tagged = useQuery({ ...runsQuery(projectId, tag ?? undefined), enabled: tag !== null });
  const runs = tag ? tagged : everyRun;
  const router = useRouter();
  const pathname = usePathname();
  const inUrl = (params.get("compare") ?? "").split(",").filter(Boolean);
  // In the order they were picked, so a run keeps its colour while others come and go.
  const [picked, setPickedState] = useState<string[]>(inUrl);
  const comparing = inUrl.length >= 2;
  /** The page's URL with its compare and tag parameters (null: left out). */
  const urlWith = (compare: string[] | null, withTag: string | null) => {
    const q = new URLSearchParams();
    if (withTag) q.set("tag", withTag);
    if (compare && compare.length >= 2) q.set("compare", compare.join(","));
    const qs = q.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };
  const showCompare = (ids: string[] | null) => router.replace(urlWith(ids, tag), { scroll: false });
  const setTag = (next: string | null) => router.replace(urlWith(comparing ? inUrl : null, next), { scroll: false });
  const setPicked = (ids: string[]) => {
    setPickedState(ids);
    if (comparing) showCompare(ids);
  };
  const setComparing = (on: boolean) => showCompare(on ? selected : null);
  const base = `/projects/${encodeURIComponent(projectId)}/runs`;

  const all = runs.data ?? [];
  const every = everyRun.data ?? [];
  const tags = tagCounts(every);
  // Picked runs stay picked (and comparable) while a tag filter hides them.
  const selected = picked.filter((id) => every.some((r) => r.id === id));
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
      {runs.isPending || everyRun.isPending ? (
        <Loading label="Loading runs…" />
      ) : !runs.data || !everyRun.data ? (
        <LoadError error={runs.error ?? everyRun.error} what="runs" onRetry={() => (runs.refetch(), everyRun.refetch())} />
      ) : every.length === 0 ? (
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
          {tags.length > 0 || tag ? (
            <div className="filters runs-filters" role="search" aria-label="Filter runs">
              <label htmlFor="runs-tag">Tag</label>
              <select id="runs-tag" value={tag ?? ""} onChange={(e) => setTag(e.target.value || null)} data-testid="runs-tag-filter">
                <option value="">All tags ({formatCount(every.length)} runs)</option>
                {tag && !tags.some((t) => t.tag === tag) ? <option value={tag}>{tag} (0 runs)</option> : null}
                {tags.map((t) => (
                  <option key={t.tag} value={t.tag}>
                    {t.tag} ({formatCount(t.runs)} run{t.runs === 1 ? "" : "s"})
                  </option>
                ))}
              </select>
              {tag ? (
                <>
                  <span className="muted small" aria-live="polite" data-testid="runs-tag-count">
                    {formatCount(all.length)} run{all.length === 1 ? "" : "s"} tagged {tag}
                  </span>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => setTag(null)}>
                    Show all runs
                  </button>
                </>
              ) : null}
            </div>
          ) : null}
          <div className="panel panel-flush scroll-x">
            <RunsTable
              runs={all}
              activeTag={tag}
              onTag={(t) => setTag(t === tag ? null : t)}
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
              runs={selected.map((id) => every.find((r) => r.id === id)!)}
              colourOf={(id) => colourOf(id) ?? RUN_COLOURS[0]}
              onClose={() => setComparing(false)}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

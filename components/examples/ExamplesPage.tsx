"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useEffectEvent, useState } from "react";
import {
  filtersFromParams,
  filtersToSearch,
  hasFilters,
  narrowingFilters,
  pageFromParams,
  pageSizeFromParams,
  type ExampleFilters,
} from "@/lib/client/example-filters";
import { isTextField } from "@/lib/client/hotkeys";
import { exampleFacetsQuery, examplesQuery, useUndoBulkChange } from "@/lib/queries/examples";
import { toolsQuery } from "@/lib/queries/tools";
import type { ExampleBulkResultDto } from "@/lib/schemas/example";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { UndoToast } from "@/components/ui/UndoToast";
import { NoToolGauge } from "@/components/gauge/NoToolGauge";
import { ToolCounts } from "@/components/gauge/ToolCounts";
import { formatCount } from "@/lib/client/format";
import { BulkBar, describeAction, type BulkAction } from "./BulkBar";
import { ExamplesTable } from "./ExamplesTable";
import { FiltersBar } from "./FiltersBar";
import { pageSummary } from "./page-summary";
import { Pagination } from "./Pagination";
import { Totals } from "./Totals";
import { useCan } from "@/lib/client/auth";

interface Toast {
  message: string;
  changeId: string | null;
}

function appliedMessage(action: BulkAction, r: ExampleBulkResultDto): string {
  const what = describeAction(action);
  const skipped = r.skipped.unlabelled + r.skipped.invalid + r.skipped.tooManyTags;
  return `${what[0].toUpperCase()}${what.slice(1)}: ${formatCount(r.changed)} ${r.changed === 1 ? "example" : "examples"}${skipped ? ` (${formatCount(skipped)} skipped)` : ""}.`;
}

export function ExamplesPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = filtersFromParams(params);
  const page = pageFromParams(params);
  const pageSize = pageSizeFromParams(params);
  const examples = useQuery(examplesQuery(projectId, filters, page, pageSize));
  const tools = useQuery(toolsQuery(projectId));
  const facets = useQuery(exampleFacetsQuery(projectId));
  const base = `/projects/${encodeURIComponent(projectId)}/examples`;
  const canWrite = useCan("examples.write");
  const undo = useUndoBulkChange(projectId);

  // The selection belongs to one filter: a new filter or sort starts a new one.
  const selectionKey = filtersToSearch(narrowingFilters(filters));
  const [selection, setSelection] = useState<{ key: string; ids: Set<string>; allMatching: boolean }>({
    key: selectionKey,
    ids: new Set(),
    allMatching: false,
  });
  const current = selection.key === selectionKey ? selection : { key: selectionKey, ids: new Set<string>(), allMatching: false };
  const [active, setActive] = useState<number | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const closeToast = () => setToast(null);

  function go(next: ExampleFilters, nextPage = 1, nextSize = pageSize) {
    setActive(null);
    router.replace(`${pathname}${filtersToSearch(next, nextPage, nextSize)}`, { scroll: false });
  }

  const data = examples.data;
  const items = data?.items ?? [];
  const summary = data
    ? pageSummary({ page, pageSize: data.pageSize, total: data.total, totalIsLowerBound: data.totalIsLowerBound, shown: data.items.length })
    : null;
  const hrefFor = (id: string) => `${base}/${encodeURIComponent(id)}${filtersToSearch(filters, page, pageSize)}`;

  const toggle = (id: string) =>
    setSelection(() => {
      const ids = new Set(current.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { key: selectionKey, ids, allMatching: false };
    });
  const togglePage = (on: boolean) =>
    setSelection(() => {
      const ids = new Set(current.ids);
      for (const e of items) {
        if (on) ids.add(e.id);
        else ids.delete(e.id);
      }
      return { key: selectionKey, ids, allMatching: false };
    });
  const clear = () => setSelection({ key: selectionKey, ids: new Set(), allMatching: false });
  const selectedCount = current.allMatching ? (data?.total ?? 0) : current.ids.size;
  const pageFullySelected = items.length > 0 && items.every((e) => current.ids.has(e.id));

  function applied(action: BulkAction, r: ExampleBulkResultDto) {
    clear();
    setToast({ message: appliedMessage(action, r), changeId: r.changeId });
  }

  async function undoLast() {
    if (!toast?.changeId) return;
    const r = await undo.mutateAsync(toast.changeId).catch((e: Error) => {
      setToast({ message: `Could not undo: ${e.message}`, changeId: null });
      return null;
    });
    if (r)
      setToast({
        message: `Undone: ${formatCount(r.restored)} put back${r.keptNewer ? `; ${formatCount(r.keptNewer)} saved by someone since were left as they are` : ""}.`,
        changeId: null,
      });
  }

  // The list's keys: j / k move, Enter opens, x selects (not while typing, nor under a dialog).
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (
      e.isComposing ||
      e.ctrlKey ||
      e.metaKey ||
      e.altKey ||
      isTextField(document.activeElement) ||
      document.querySelector("dialog[open]")
    )
      return;
    if (items.length === 0) return;
    const at = active ?? -1;
    if (e.key === "j" || e.key === "k") {
      e.preventDefault();
      const next = e.key === "j" ? Math.min(items.length - 1, at + 1) : Math.max(0, at === -1 ? 0 : at - 1);
      setActive(next);
      document.querySelector(`[data-example-id="${CSS.escape(items[next].id)}"]`)?.scrollIntoView({ block: "nearest" });
    } else if (
      e.key === "Enter" &&
      active !== null &&
      !(document.activeElement instanceof HTMLButtonElement || document.activeElement instanceof HTMLAnchorElement)
    ) {
      e.preventDefault();
      router.push(hrefFor(items[active].id));
    } else if (e.key === "x" && active !== null && canWrite) {
      e.preventDefault();
      toggle(items[active].id);
    }
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const someSelected = current.allMatching || current.ids.size > 0;
  return (
    <div className="page examples-page">
      <div className="examples-main">
        <div className="page-head page-head-tight">
          <h1>
            Examples{" "}
            {summary ? (
              <span className="muted count" data-testid="examples-count">
                {summary.count}
                {hasFilters(filters) ? " matching" : ""}
              </span>
            ) : null}
          </h1>
          <div className="row">
            <Link href={`${base}/trash`} className="btn btn-ghost" data-testid="examples-trash-link">
              Trash
            </Link>
            <Link href={`/projects/${encodeURIComponent(projectId)}/data`} className="btn" data-testid="import-export-link">
              Import / export
            </Link>
            {canWrite ? (
              <Link href={`${base}/new${filtersToSearch(filters)}`} className="btn btn-primary" data-testid="new-example">
                + New example
              </Link>
            ) : null}
          </div>
        </div>
        <FiltersBar filters={filters} tools={tools.data ?? []} facets={facets.data} onChange={(f) => go({ ...f, sort: filters.sort })} />
        {canWrite && someSelected && data ? (
          <BulkBar
            projectId={projectId}
            ids={current.allMatching ? null : [...current.ids]}
            filters={narrowingFilters(filters)}
            selectedCount={selectedCount}
            total={data.total}
            totalIsLowerBound={data.totalIsLowerBound}
            allMatching={current.allMatching}
            pageFullySelected={pageFullySelected}
            onSelectAll={() => setSelection({ key: selectionKey, ids: new Set(), allMatching: true })}
            onClear={clear}
            onApplied={applied}
          />
        ) : null}
        <section className="panel panel-flush" aria-label="Examples">
          {examples.isPending ? (
            <Loading label="Loading examples…" />
          ) : !examples.data ? (
            <LoadError error={examples.error} what="examples" onRetry={() => examples.refetch()} />
          ) : items.length === 0 ? (
            hasFilters(filters) ? (
              <Empty title="No examples match these filters">
                <button type="button" className="btn btn-sm" onClick={() => go({})}>
                  Clear filters
                </button>
              </Empty>
            ) : (
              <Empty title="No examples yet">
                <p className="muted">
                  Write a user request and label what the assistant should do: call a tool, or answer without one (no_tool).
                </p>
                <Link href={`${base}/new`} className="btn btn-primary">
                  + New example
                </Link>
              </Empty>
            )
          ) : (
            <>
              <ExamplesTable
                items={items}
                hrefFor={hrefFor}
                stale={examples.isPlaceholderData}
                sort={filters.sort ?? "number"}
                onSort={(s) => go({ ...filters, sort: s })}
                selection={canWrite ? { selected: current.ids, allMatching: current.allMatching, toggle, togglePage } : undefined}
                active={active}
              />
              <Pagination
                page={page}
                pages={summary!.lastPage}
                total={data!.total}
                pageSize={data!.pageSize}
                totalIsLowerBound={data!.totalIsLowerBound}
                shown={items.length}
                onPage={(p) => go(filters, p)}
                onPageSize={(size) => go(filters, 1, size)}
              />
              <p className="hint list-keys">
                <kbd>j</kbd> / <kbd>k</kbd> move · <kbd>Enter</kbd> opens
                {canWrite ? (
                  <>
                    {" "}
                    · <kbd>x</kbd> selects
                  </>
                ) : null}
              </p>
            </>
          )}
        </section>
      </div>
      <aside className="examples-side" aria-label="Dataset balance">
        <div className="panel">
          <NoToolGauge projectId={projectId} />
        </div>
        <div className="panel">
          <ToolCounts
            projectId={projectId}
            onFilter={(tool) => go(tool === "no_tool" ? { kind: "no_tool" } : { tool })}
            activeTool={filters.kind === "no_tool" && !filters.tool ? "no_tool" : filters.tool}
          />
        </div>
        <div className="panel">
          <Totals projectId={projectId} onFilter={(f) => go(f)} />
        </div>
      </aside>
      {toast ? (
        <UndoToast
          message={toast.message}
          onUndo={toast.changeId ? undoLast : undefined}
          undoing={undo.isPending}
          onClose={closeToast}
          seconds={toast.changeId ? 60 : 10}
        />
      ) : null}
    </div>
  );
}

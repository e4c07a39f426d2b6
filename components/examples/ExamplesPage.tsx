"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { filtersFromParams, filtersToSearch, hasFilters, pageFromParams, type ExampleFilters } from "@/lib/client/example-filters";
import { examplesQuery } from "@/lib/queries/examples";
import { toolsQuery } from "@/lib/queries/tools";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { NoToolGauge } from "@/components/gauge/NoToolGauge";
import { ToolCounts } from "@/components/gauge/ToolCounts";
import { ExamplesTable } from "./ExamplesTable";
import { FiltersBar } from "./FiltersBar";
import { pageSummary } from "./page-summary";
import { Pagination } from "./Pagination";
import { Totals } from "./Totals";
import { useCan } from "@/lib/client/auth";

export function ExamplesPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = filtersFromParams(params);
  const page = pageFromParams(params);
  const examples = useQuery(examplesQuery(projectId, filters, page));
  const tools = useQuery(toolsQuery(projectId));
  const base = `/projects/${encodeURIComponent(projectId)}/examples`;

  function go(next: ExampleFilters, nextPage = 1) {
    router.replace(`${pathname}${filtersToSearch(next, nextPage)}`, { scroll: false });
  }

  const canWrite = useCan("examples.write");
  const data = examples.data;
  const summary = data ? pageSummary({ page, pageSize: data.pageSize, total: data.total, totalIsLowerBound: data.totalIsLowerBound, shown: data.items.length }) : null;

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
        <FiltersBar filters={filters} tools={tools.data ?? []} onChange={(f) => go(f)} />
        <section className="panel panel-flush" aria-label="Examples">
          {examples.isPending ? (
            <Loading label="Loading examples…" />
          ) : !examples.data ? (
            <LoadError error={examples.error} what="examples" onRetry={() => examples.refetch()} />
          ) : data!.items.length === 0 ? (
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
                items={data!.items}
                hrefFor={(id) => `${base}/${encodeURIComponent(id)}${filtersToSearch(filters, page)}`}
                stale={examples.isPlaceholderData}
              />
              <Pagination
                page={page}
                pages={summary!.lastPage}
                total={data!.total}
                pageSize={data!.pageSize}
                totalIsLowerBound={data!.totalIsLowerBound}
                shown={data!.items.length}
                onPage={(p) => go(filters, p)}
              />
            </>
          )}
        </section>
      </div>
      <aside className="examples-side" aria-label="Dataset balance">
        <div className="panel">
          <NoToolGauge projectId={projectId} />
        </div>
        <div className="panel">
          <ToolCounts projectId={projectId} />
        </div>
        <div className="panel">
          <Totals projectId={projectId} onFilter={(f) => go(f)} />
        </div>
      </aside>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { evalResultsQuery, isEvalTerminal } from "@/lib/queries/evals";
import type { OutputStyle } from "@/lib/schemas/common";
import type { EvalDto, EvalResultDto } from "@/lib/schemas/evals";
import { INVALID_LABEL, NO_TOOL_LABEL } from "@/lib/scoring/types";
import { Pagination } from "@/components/examples/Pagination";
import { Empty, LoadError, Loading } from "@/components/ui/States";
import { VerdictBadge } from "./Badges";
import { ResultDetail } from "./ResultDetail";
import { clip, formatCount, formatMs, goldLabel, predictedLabel } from "./labels";
import { resultQuery, verdictChips, type ResultFilters } from "./result-filters";

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  projectId: string;
  ev: EvalDto;
  filters: ResultFilters;
  onChange: (next: ResultFilters) => void;
  style: OutputStyle | undefined;
}

/** The examples one by one, filtered by verdict, gold tool and text; a row opens everything about it beside the list. */
export function ResultsSection({ projectId, ev, filters, onChange, style }: Props) {
  const live = !isEvalTerminal(ev.status);
  const q = useQuery(evalResultsQuery(projectId, ev.id, resultQuery(filters, PAGE_SIZE), live));
  const data = q.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const open = filters.example ? data?.results.find((r) => r.id === filters.example) : undefined;
  const tools = (ev.summary?.confusion.labels ?? []).filter((l) => l !== NO_TOOL_LABEL && l !== INVALID_LABEL);
  const pending = Math.max(0, ev.total - ev.done);
  const chips = verdictChips(ev.summary, ev.failedRequests, live ? pending : 0, ev.total);
  const set = (patch: Partial<ResultFilters>) => onChange({ ...filters, page: 1, example: undefined, ...patch });

  return (
    <section className="panel results-panel" aria-labelledby="results-title" data-testid="results">
      <div className="panel-head">
        <h2 id="results-title" className="panel-title">
          Examples
        </h2>
        {data ? (
          <span className="muted small" data-testid="results-count">
            {formatCount(data.total)} shown by these filters
          </span>
        ) : null}
      </div>
      <div className="verdict-chips" role="group" aria-label="Filter by verdict">
        {chips.map((c) => {
          const on = filters.verdict === c.value;
          return (
            <button
              key={c.label}
              type="button"
              className={`filter-chip${on ? " is-on" : ""}${c.value === "wrong" ? " filter-chip-wrong" : ""}`}
              aria-pressed={on}
              onClick={() => set({ verdict: c.value })}
              data-testid={`verdict-chip-${c.value ?? "all"}`}
            >
              {c.label}
              {c.count !== null ? <span className="filter-chip-n">{formatCount(c.count)}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="filters results-filters" role="search">
        <SearchBox value={filters.q ?? ""} onSearch={(text) => set({ q: text.trim() === "" ? undefined : text })} />
        <div className="field field-inline">
          <label htmlFor="r-tool" className="sr-only">
            Tool (gold or predicted)
          </label>
          <select
            id="r-tool"
            value={filters.tool ?? ""}
            onChange={(e) => set({ tool: e.target.value || undefined })}
            className={filters.tool ? "is-set" : undefined}
            data-testid="results-tool"
          >
            <option value="">Tool: all</option>
            {tools.map((t) => (
              <option key={t} value={t}>
                Tool: {t}
              </option>
            ))}
            {filters.tool && !tools.includes(filters.tool) ? <option value={filters.tool}>Tool: {filters.tool}</option> : null}
          </select>
        </div>
        {filters.verdict || filters.tool || filters.q ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange({ page: 1 })}>
            Clear filters
          </button>
        ) : null}
      </div>
      <div className={`results-grid${open ? " has-detail" : ""}`}>
        <div className="results-list">
          {q.isPending ? (
            <Loading label="Loading results…" />
          ) : !data ? (
            <LoadError error={q.error} what="results" onRetry={() => q.refetch()} />
          ) : data.results.length === 0 ? (
            <Empty
              title={
                filters.verdict || filters.tool || filters.q ? "No examples match these filters" : live ? "No results yet" : "No results"
              }
            />
          ) : (
            <>
              <ResultsTable
                rows={data.results}
                openId={filters.example}
                stale={q.isPlaceholderData}
                onOpen={(id) => onChange({ ...filters, example: id === filters.example ? undefined : id })}
              />
              {pages > 1 ? (
                <Pagination
                  page={data.page}
                  pages={pages}
                  total={data.total}
                  pageSize={data.pageSize}
                  onPage={(p) => onChange({ ...filters, page: p, example: undefined })}
                />
              ) : null}
            </>
          )}
        </div>
        {open ? (
          <ResultDetail
            projectId={projectId}
            evalId={ev.id}
            result={open}
            style={style}
            onClose={() => onChange({ ...filters, example: undefined })}
          />
        ) : null}
      </div>
    </section>
  );
}

function ResultsTable({
  rows,
  openId,
  stale,
  onOpen,
}: {
  rows: EvalResultDto[];
  openId?: string;
  stale: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <table className={`table results-table${stale ? " is-stale" : ""}`} data-testid="results-table">
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Request</th>
          <th scope="col">Gold</th>
          <th scope="col">Predicted</th>
          <th scope="col">Verdict</th>
          <th scope="col" className="num">
            Latency
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const predicted = r.status === "error" ? "—" : predictedLabel(r.score);
          const wrongName = r.score && !r.score.toolCorrect;
          return (
            <tr
              key={r.id}
              className={`clickable${r.id === openId ? " is-open" : ""}`}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("button, a")) return;
                onOpen(r.id);
              }}
              data-testid="result-row"
              data-result-id={r.id}
              data-verdict={r.verdict ?? r.status}
            >
              <td className="num">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(r.id)}
                  aria-expanded={r.id === openId}
                  aria-label={`Example ${r.exampleNumber}: show details`}
                >
                  {r.exampleNumber}
                </button>
              </td>
              <td className="cell-request" title={r.request}>
                <span className="clamp-1">{clip(r.request)}</span>
              </td>
              <td className="mono small">{goldLabel(r.gold)}</td>
              <td className={`mono small${wrongName ? " text-danger" : ""}`}>{predicted}</td>
              <td>
                <VerdictBadge
                  verdict={r.verdict}
                  pending={r.status === "error" ? "error" : r.status === "pending" ? "pending" : undefined}
                />
              </td>
              <td className="num small">{formatMs(r.latencyMs)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Writes the search after a pause in typing; follows the URL when it changes elsewhere (Clear filters, Back). */
function SearchBox({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (value !== seen) {
    setSeen(value);
    if (value !== text && !(value === "" && text.trim() === "")) setText(value);
  }
  return (
    <div className="field field-inline grow">
      <label htmlFor="r-q" className="sr-only">
        Search requests
      </label>
      <input
        id="r-q"
        type="search"
        value={text}
        placeholder="Search requests…"
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => onSearch(v), SEARCH_DEBOUNCE_MS);
        }}
        data-testid="results-q"
      />
    </div>
  );
}

"use client";

import { formatCount } from "@/lib/client/format";
import { useRef, useState } from "react";
import type { ExampleFilters } from "@/lib/client/example-filters";
import { REVIEW_STATES, SPLITS } from "@/lib/schemas/common";
import { TARGET_KINDS } from "@/lib/schemas/example";
import type { ExampleFacetsDto } from "@/lib/schemas/example";
import type { ToolDto } from "@/lib/schemas/tool";

const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  filters: ExampleFilters;
  tools: ToolDto[];
  /** The project's tags and authors (with counts), when loaded. */
  facets?: ExampleFacetsDto;
  onChange: (f: ExampleFilters) => void;
}

/** Filters that write the URL; the search box waits for a pause in typing before it does. */
export function FiltersBar({ filters, tools, facets, onChange }: Props) {
  const urlQ = filters.q ?? "";
  const [q, setQ] = useState(urlQ);
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The URL changed from elsewhere (Clear filters, Back): show its search, not the stale text.
  if (urlQ !== seenUrlQ) {
    setSeenUrlQ(urlQ);
    if (urlQ !== q && !(urlQ === "" && q.trim() === "")) setQ(urlQ);
  }

  function set<K extends keyof ExampleFilters>(key: K, value: string) {
    onChange({ ...filters, [key]: value === "" ? undefined : value });
  }

  function typeSearch(value: string) {
    setQ(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ ...filters, q: value.trim() === "" ? undefined : value }), SEARCH_DEBOUNCE_MS);
  }

  return (
    <div className="filters" role="search">
      <div className="field field-inline grow">
        <label htmlFor="f-q" className="sr-only">
          Search requests, reasons and replies
        </label>
        <input
          id="f-q"
          type="search"
          value={q}
          onChange={(e) => typeSearch(e.target.value)}
          placeholder="Search text…"
          data-testid="filter-q"
        />
      </div>
      <Select
        id="f-tool"
        label="Tool"
        value={filters.tool}
        onChange={(v) => set("tool", v)}
        testId="filter-tool"
        options={tools.map((t) => [t.name, `${t.name}${t.archived ? " (archived)" : ""}`])}
      />
      <Select
        id="f-kind"
        label="Target"
        value={filters.kind}
        onChange={(v) => set("kind", v)}
        testId="filter-kind"
        options={TARGET_KINDS.map((k) => [k, k])}
      />
      <Select
        id="f-split"
        label="Split"
        value={filters.split}
        onChange={(v) => set("split", v)}
        testId="filter-split"
        options={SPLITS.map((k) => [k, k])}
      />
      <Select
        id="f-review"
        label="Review"
        value={filters.review}
        onChange={(v) => set("review", v)}
        testId="filter-review"
        options={REVIEW_STATES.map((k) => [k, k])}
      />
      {facets && (facets.tags.length > 0 || filters.tag) ? (
        <Select
          id="f-tag"
          label="Tag"
          value={filters.tag}
          onChange={(v) => set("tag", v)}
          testId="filter-tag"
          options={facets.tags.map((t) => [t.tag, `${t.tag} (${formatCount(t.count)})`])}
        />
      ) : null}
      {facets && (facets.authors.length > 1 || filters.author) ? (
        <Select
          id="f-author"
          label="Saved by"
          value={filters.author}
          onChange={(v) => set("author", v)}
          testId="filter-author"
          options={facets.authors.map((a) => [a.id, `${a.label} (${formatCount(a.count)})`])}
        />
      ) : null}
      <label className="check small">
        <input
          type="checkbox"
          checked={filters.invalid === "true"}
          onChange={(e) => set("invalid", e.target.checked ? "true" : "")}
          data-testid="filter-invalid"
        />
        Invalid only
      </label>
      <label className="check small">
        <input
          type="checkbox"
          checked={filters.needsReason === "true"}
          onChange={(e) => set("needsReason", e.target.checked ? "true" : "")}
          data-testid="filter-needs-reason"
        />
        Needs a reason
      </label>
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value?: string;
  onChange: (v: string) => void;
  options: [value: string, text: string][];
  testId: string;
}

/** A filter select whose options name the filter ("Split: train"), so a set filter reads on its own. */
function Select({ id, label, value, onChange, options, testId }: SelectProps) {
  return (
    <div className="field field-inline">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value)}
        className={value ? "is-set" : undefined}
        data-testid={testId}
      >
        <option value="">{label}: all</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {label}: {text}
          </option>
        ))}
        {value && !options.some(([v]) => v === value) ? (
          <option value={value}>
            {label}: {value}
          </option>
        ) : null}
      </select>
    </div>
  );
}

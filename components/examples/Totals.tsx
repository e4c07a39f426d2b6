"use client";

import { useQuery } from "@tanstack/react-query";
import type { ExampleFilters } from "@/lib/client/example-filters";
import { statsQuery } from "@/lib/queries/stats";
import { formatCount } from "@/lib/client/format";

/** Counts by state; each is a shortcut to the filtered list. */
export function Totals({ projectId, onFilter }: { projectId: string; onFilter: (f: ExampleFilters) => void }) {
  const { data } = useQuery(statsQuery(projectId));
  if (!data) return null;
  const t = data.totals;
  const items: { label: string; n: number; f: ExampleFilters; tone?: string }[] = [
    { label: "examples", n: t.examples, f: {} },
    { label: "unlabelled", n: t.unlabelled, f: { kind: "unlabelled" } },
    { label: "draft", n: t.draft, f: { review: "draft" } },
    { label: "labelled", n: t.labelled, f: { review: "labelled" } },
    { label: "reviewed", n: t.reviewed, f: { review: "reviewed" } },
    { label: "invalid", n: t.invalid, f: { invalid: "true" }, tone: t.invalid > 0 ? "danger" : undefined },
    { label: "need a reason", n: t.needsReason, f: { needsReason: "true" }, tone: t.needsReason > 0 ? "warn" : undefined },
  ];
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title" className="panel-title">
        Totals
      </h2>
      <ul className="totals">
        {items.map((i) => (
          <li key={i.label}>
            <button type="button" className={`total${i.tone ? ` total-${i.tone}` : ""}`} onClick={() => onFilter(i.f)}>
              <span className="total-n">{formatCount(i.n)}</span>
              <span className="total-label">{i.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

"use client";

import Link from "next/link";
import type { ExampleSort, ExampleSummaryDto } from "@/lib/schemas/example";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";

type SortColumn = "number" | "updated" | "tool" | "review";

interface Props {
  items: ExampleSummaryDto[];
  hrefFor: (id: string) => string;
  stale: boolean;
  sort: ExampleSort;
  onSort: (s: ExampleSort) => void;
  /** Row selection for the bulk bar; absent for people who cannot write. */
  selection?: { selected: ReadonlySet<string>; allMatching: boolean; toggle: (id: string) => void; togglePage: (on: boolean) => void };
  /** The row the keyboard is on (j/k), by index. */
  active: number | null;
}

/** Dense rows: selection, number, request, what the target does, tags, split, review state, validity, last save. */
export function ExamplesTable({ items, hrefFor, stale, sort, onSort, selection, active }: Props) {
  const pageSelected = selection ? selection.allMatching || items.every((e) => selection.selected.has(e.id)) : false;
  const someSelected = selection ? !pageSelected && items.some((e) => selection.selected.has(e.id)) : false;
  return (
    <table className={`table examples-table${stale ? " is-stale" : ""}`}>
      <thead>
        <tr>
          {selection ? (
            <th scope="col" className="cell-check">
              <input
                type="checkbox"
                aria-label="Select every example on this page"
                checked={pageSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={(e) => selection.togglePage(e.target.checked)}
                data-testid="select-page"
              />
            </th>
          ) : null}
          <SortHeader column="number" label="#" sort={sort} onSort={onSort} className="num" />
          <th scope="col">Request</th>
          <SortHeader column="tool" label="Target" sort={sort} onSort={onSort} />
          <th scope="col">Tags</th>
          <th scope="col">Split</th>
          <SortHeader column="review" label="Review" sort={sort} onSort={onSort} />
          <th scope="col">
            <span className="sr-only">Validity</span>
          </th>
          <SortHeader column="updated" label="Updated" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {items.map((e, i) => {
          const href = hrefFor(e.id);
          const checked = selection ? selection.allMatching || selection.selected.has(e.id) : false;
          const classes = [e.invalid ? "is-invalid" : "", checked ? "is-selected" : "", active === i ? "is-active" : ""]
            .filter(Boolean)
            .join(" ");
          return (
            <LinkRow
              key={e.id}
              href={href}
              data-testid="example-row"
              data-example-id={e.id}
              data-active={active === i ? "true" : undefined}
              className={classes || undefined}
            >
              {selection ? (
                <td className="cell-check">
                  <input
                    type="checkbox"
                    aria-label={`Select example ${e.number}`}
                    checked={checked}
                    disabled={selection.allMatching}
                    onChange={() => selection.toggle(e.id)}
                    data-testid="select-row"
                  />
                </td>
              ) : null}
              <td className="num mono">
                <Link href={href} aria-label={`Open example ${e.number}`}>
                  {e.number}
                </Link>
              </td>
              <td className="cell-request">
                <span className="clamp-1" title={e.request}>
                  {e.request || <span className="muted">(empty request)</span>}
                </span>
              </td>
              <td className="cell-target">
                <Target e={e} />
              </td>
              <td className="cell-tags">
                {e.tags.length > 0 ? (
                  <span className="chips" title={e.tags.join(", ")}>
                    {e.tags.slice(0, 3).map((t) => (
                      <span key={t} className="chip chip-tag">
                        {t}
                      </span>
                    ))}
                    {e.tags.length > 3 ? <span className="muted small">+{e.tags.length - 3}</span> : null}
                  </span>
                ) : null}
              </td>
              <td>
                <span className={`tag split-${e.split}`}>{e.split}</span>
              </td>
              <td>
                <span className={`tag review-${e.reviewState}`}>{e.reviewState}</span>
              </td>
              <td>
                {e.needsReason ? (
                  <span
                    className="badge badge-warn"
                    data-testid="needs-reason-badge"
                    title="a no_tool reply without a reason: write one in the editor"
                  >
                    needs a reason
                  </span>
                ) : null}
                {e.invalid && !(e.needsReason && e.issueCount === 1) ? (
                  <span className="badge badge-danger" data-testid="invalid-badge" title={`${e.issueCount} validation issue(s)`}>
                    invalid · {e.issueCount}
                  </span>
                ) : null}
              </td>
              <td className="muted small nowrap">
                <When iso={e.updatedAt} />
                {e.updatedBy ? ` · ${e.updatedBy}` : ""}
              </td>
            </LinkRow>
          );
        })}
      </tbody>
    </table>
  );
}

/** A column header that sorts the list: first click ascending (newest first for Updated), the next reverses. */
function SortHeader({
  column,
  label,
  sort,
  onSort,
  className,
}: {
  column: SortColumn;
  label: string;
  sort: ExampleSort;
  onSort: (s: ExampleSort) => void;
  className?: string;
}) {
  const current = sort.replace(/^-/, "") === column ? (sort.startsWith("-") ? "descending" : "ascending") : "none";
  const next: ExampleSort =
    current === "none" ? (column === "updated" ? "-updated" : column) : current === "ascending" ? (`-${column}` as ExampleSort) : column;
  return (
    <th scope="col" className={className} aria-sort={current}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(next)}
        data-testid={`sort-${column}`}
        title={`Sort by ${label === "#" ? "number" : label.toLowerCase()}`}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {current === "ascending" ? " ▲" : current === "descending" ? " ▼" : ""}
        </span>
      </button>
    </th>
  );
}

function Target({ e }: { e: ExampleSummaryDto }) {
  if (e.targetKind === "unlabelled") return <span className="muted">unlabelled</span>;
  if (e.targetKind === "no_tool") {
    return (
      <span className="clamp-1 notool-text" title={e.noToolReason ?? ""}>
        <span className="chip chip-notool">no_tool</span> {e.noToolReason}
      </span>
    );
  }
  return (
    <span className="chips">
      {e.targetTools.map((t) => (
        <span key={t} className="chip mono">
          {t}
        </span>
      ))}
    </span>
  );
}

"use client";

import { useState } from "react";
import { formatCount as fmt } from "@/lib/client/format";
import type { ExampleFilters } from "@/lib/client/example-filters";
import { useBulkChange } from "@/lib/queries/examples";
import { REVIEW_STATES, SPLITS, type ReviewState, type Split } from "@/lib/schemas/common";
import type { ExampleBulkChange, ExampleBulkResultDto } from "@/lib/schemas/example";
import { ErrorNote } from "@/components/ui/ErrorNote";

/** One action of the bar, and the words for it ("set split to train"). */
export type BulkAction =
  | { kind: "split"; split: Split }
  | { kind: "review"; reviewState: ReviewState }
  | { kind: "addTag"; tag: string }
  | { kind: "removeTag"; tag: string }
  | { kind: "trash" };

export function describeAction(a: BulkAction): string {
  switch (a.kind) {
    case "split":
      return `set split to ${a.split}`;
    case "review":
      return `mark ${a.reviewState}`;
    case "addTag":
      return `add tag "${a.tag}"`;
    case "removeTag":
      return `remove tag "${a.tag}"`;
    case "trash":
      return "move to the trash";
  }
}

function changeOf(a: BulkAction): Pick<ExampleBulkChange, "set" | "trash"> {
  switch (a.kind) {
    case "split":
      return { set: { split: a.split } };
    case "review":
      return { set: { reviewState: a.reviewState } };
    case "addTag":
      return { set: { addTags: [a.tag] } };
    case "removeTag":
      return { set: { removeTags: [a.tag] } };
    case "trash":
      return { trash: true };
  }
}

/** What the preview says before anything is written. */
export function previewText(a: BulkAction, r: ExampleBulkResultDto): string {
  const parts = [`${fmt(r.changed)} of ${fmt(r.matched)} will ${a.kind === "trash" ? "move to the trash" : "change"}`];
  if (r.unchanged) parts.push(`${fmt(r.unchanged)} already as asked`);
  if (r.skipped.unlabelled) parts.push(`${fmt(r.skipped.unlabelled)} skipped: no target yet`);
  if (r.skipped.invalid) parts.push(`${fmt(r.skipped.invalid)} skipped: invalid`);
  if (r.skipped.tooManyTags) parts.push(`${fmt(r.skipped.tooManyTags)} skipped: too many tags`);
  return parts.join(" · ");
}

interface Props {
  projectId: string;
  /** Ids chosen on the page, or null when "all matching" is on. */
  ids: string[] | null;
  filters: Omit<ExampleFilters, "sort">;
  selectedCount: number;
  /** Matches of the filter (a lower bound for a big text search). */
  total: number;
  totalIsLowerBound: boolean;
  allMatching: boolean;
  pageFullySelected: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  onApplied: (action: BulkAction, result: ExampleBulkResultDto) => void;
}

/**
 * The bar over the list when examples are selected: what is selected (and "select all N matching",
 * which works on the server), the actions, and before any of them is written, what it would do.
 */
export function BulkBar(p: Props) {
  const change = useBulkChange(p.projectId);
  const [pending, setPending] = useState<{ action: BulkAction; preview: ExampleBulkResultDto } | null>(null);
  const [tag, setTag] = useState("");
  const scope = p.allMatching ? { filter: p.filters } : { ids: p.ids ?? [] };

  async function preview(action: BulkAction) {
    change.reset();
    const r = await change.mutateAsync({ ...scope, ...changeOf(action), dryRun: true }).catch(() => null);
    if (r) setPending({ action, preview: r });
  }

  async function apply() {
    if (!pending) return;
    const r = await change.mutateAsync({ ...scope, ...changeOf(pending.action) }).catch(() => null);
    if (r) {
      setPending(null);
      p.onApplied(pending.action, r);
    }
  }

  const tagValue = tag.trim();
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
      <div className="bulk-row">
        <strong data-testid="bulk-count">
          {p.allMatching
            ? `All ${p.totalIsLowerBound ? "" : fmt(p.total) + " "}examples matching these filters`
            : `${fmt(p.selectedCount)} selected`}
        </strong>
        {!p.allMatching && p.pageFullySelected && p.total > p.selectedCount ? (
          <button type="button" className="btn btn-link btn-sm" onClick={p.onSelectAll} data-testid="select-all-matching">
            Select all {p.totalIsLowerBound ? "" : fmt(p.total) + " "}matching
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost btn-sm" onClick={p.onClear} data-testid="clear-selection">
          Clear selection
        </button>
        <span className="grow" />
        <label className="sr-only" htmlFor="bulk-split">
          Set split
        </label>
        <select
          id="bulk-split"
          value=""
          onChange={(e) => e.target.value && preview({ kind: "split", split: e.target.value as Split })}
          data-testid="bulk-split"
          disabled={change.isPending}
        >
          <option value="">Set split…</option>
          {SPLITS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="bulk-review">
          Set review state
        </label>
        <select
          id="bulk-review"
          value=""
          onChange={(e) => e.target.value && preview({ kind: "review", reviewState: e.target.value as ReviewState })}
          data-testid="bulk-review"
          disabled={change.isPending}
        >
          <option value="">Set review…</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="bulk-tag">
          <label className="sr-only" htmlFor="bulk-tag">
            Tag
          </label>
          <input
            id="bulk-tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder="tag"
            maxLength={64}
            data-testid="bulk-tag"
          />
          <button
            type="button"
            className="btn btn-sm"
            disabled={!tagValue || change.isPending}
            onClick={() => preview({ kind: "addTag", tag: tagValue })}
            data-testid="bulk-add-tag"
          >
            Add tag
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!tagValue || change.isPending}
            onClick={() => preview({ kind: "removeTag", tag: tagValue })}
          >
            Remove tag
          </button>
        </span>
        <button
          type="button"
          className="btn btn-sm btn-danger-outline"
          onClick={() => preview({ kind: "trash" })}
          disabled={change.isPending}
          data-testid="bulk-trash"
        >
          Move to trash
        </button>
      </div>
      {change.isPending && !pending ? (
        <p className="muted small" role="status">
          Counting what this would change…
        </p>
      ) : null}
      {pending ? (
        <div className="bulk-confirm" role="alertdialog" aria-label="Confirm the bulk change" data-testid="bulk-preview">
          <span>
            <strong>{describeAction(pending.action)[0].toUpperCase() + describeAction(pending.action).slice(1)}:</strong>{" "}
            {previewText(pending.action, pending.preview)}
            {pending.action.kind === "trash" ? ". Trashed examples can be restored for 30 days." : "."}
          </span>
          <span className="grow" />
          <button type="button" className="btn btn-sm" onClick={() => setPending(null)} disabled={change.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn btn-sm ${pending.action.kind === "trash" ? "btn-danger" : "btn-primary"}`}
            onClick={apply}
            disabled={change.isPending || pending.preview.changed === 0}
            data-testid="bulk-apply"
            autoFocus
          >
            {change.isPending ? "Working…" : `Apply to ${fmt(pending.preview.changed)}`}
          </button>
        </div>
      ) : null}
      {change.error ? <ErrorNote error={change.error} /> : null}
    </div>
  );
}

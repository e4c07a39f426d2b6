"use client";

import { formatCount } from "@/lib/client/format";
import Link from "next/link";
import type { ExampleDto, ExampleNeighboursDto } from "@/lib/schemas/example";
import type { Direction } from "./use-example-save";
import { useCan } from "@/lib/client/auth";

interface Props {
  base: ExampleDto | null;
  neighbours: ExampleNeighboursDto | undefined;
  dirty: boolean;
  saving: boolean;
  conflict: boolean;
  listHref: string;
  onSave: (then: "stay" | "next") => void;
  onGo: (dir: Direction) => void;
}

export function saveStatusText({ base, dirty, saving, conflict }: Pick<Props, "base" | "dirty" | "saving" | "conflict">): string {
  if (conflict) return "Conflict";
  if (saving) return "Saving…";
  if (dirty) return "Unsaved changes";
  if (base) return `Saved · version ${base.version}`;
  return "New · not saved yet";
}

export function EditorToolbar({ base, neighbours, dirty, saving, conflict, listHref, onSave, onGo }: Props) {
  const canWrite = useCan("examples.write");
  const status = saveStatusText({ base, dirty, saving, conflict });
  const tone = conflict ? "danger" : dirty || saving ? "warn" : base ? "ok" : "muted";
  return (
    <div className="editor-toolbar">
      <Link href={listHref} className="btn btn-ghost btn-sm">
        ← Examples
      </Link>
      <h1 className="editor-title">{base ? `Example #${base.number}` : "New example"}</h1>
      <span className={`save-status status-${tone}`} data-testid="save-status" role="status" aria-live="polite">
        {status}
      </span>
      <span className="grow" />
      {base && neighbours ? (
        <span className="small muted" data-testid="filter-position" title="Where this example is in the list's filter and sort">
          {neighbours.position !== null ? `${formatCount(neighbours.position)} / ` : "not in this filter · "}
          {formatCount(neighbours.total)}
          {neighbours.totalIsLowerBound ? "+" : ""} in this filter
        </span>
      ) : null}
      {base ? (
        <span className="btn-group" role="group" aria-label="Move between examples">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => onGo("previous")}
            title="Previous example (Alt+↑ or k)"
            disabled={neighbours?.previousId === null}
          >
            ↑ Prev
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => onGo("next")}
            title="Next example (Alt+↓ or j)"
            disabled={neighbours?.nextId === null}
          >
            ↓ Next
          </button>
        </span>
      ) : null}
      {canWrite ? (
        <>
          <button
            type="button"
            className="btn"
            onClick={() => onSave("stay")}
            disabled={saving}
            title="Save (Ctrl+S)"
            data-testid="save-button"
          >
            Save <kbd>Ctrl+S</kbd>
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => onSave("next")}
            disabled={saving}
            title="Save and go to the next example (Ctrl+Enter)"
            data-testid="save-next-button"
          >
            {base ? "Save & next" : "Save & new"} <kbd>Ctrl+↵</kbd>
          </button>
        </>
      ) : (
        <span className="badge badge-muted" data-testid="read-only">
          Read only
        </span>
      )}
    </div>
  );
}

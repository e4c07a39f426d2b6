import Link from "next/link";
import { count } from "@/components/imports/labels";
import { filtersToSearch } from "@/lib/client/example-filters";
import type { Revalidation, ToolSaveResult } from "@/lib/queries/tools";

/** What any catalogue save answers (a tool saved, archived, or the catalogue reverted). */
export interface SaveOutcome {
  catalogueVersion: number;
  revalidation: Revalidation;
  affectedTools: string[];
  renamedInExamples?: ToolSaveResult["renamedInExamples"];
}

const MAX_LINKS = 3;

/** "Saved as catalogue version 4 — 3 examples now invalid", with links to the invalid examples of each tool it touched. */
export function SaveResultNote({ projectId, subject, res, onDismiss }: { projectId: string; subject: string; res: SaveOutcome; onDismiss: () => void }) {
  const r = res.revalidation;
  const renamed = res.renamedInExamples;
  const effect = renamed
    ? renamed.mode === "queued"
      ? `its calls are being renamed in ${count(renamed.examples, "example")} in the background`
      : `calls renamed in ${count(renamed.examples, "example")}${renamed.invalid > 0 ? `, ${renamed.invalid.toLocaleString("en-US")} of them invalid for other reasons` : ""}`
    : r.mode === "queued"
      ? "affected examples are being re-checked in the background"
      : r.mode === "none"
        ? "no examples call the tools it changed"
        : `${count(r.invalid, "example")} now invalid${r.newlyInvalid > 0 ? ` (${r.newlyInvalid.toLocaleString("en-US")} newly)` : ""}`;
  const mayHaveInvalid = r.mode === "queued" || r.invalid > 0 || (renamed?.invalid ?? 0) > 0 || renamed?.mode === "queued";
  const tools = mayHaveInvalid ? res.affectedTools.slice(0, MAX_LINKS) : [];
  const examples = `/projects/${encodeURIComponent(projectId)}/examples`;
  return (
    <div className={`banner ${r.mode === "inline" && r.newlyInvalid > 0 ? "banner-warn" : "banner-ok"}`} role="status" data-testid="tool-save-result">
      <div className="stack-tight">
        <span>
          <strong>{subject}</strong>: saved as catalogue version {res.catalogueVersion} — {effect}.
        </span>
        {tools.length > 0 ? (
          <span className="row row-wrap small">
            {tools.map((name) => (
              <Link key={name} href={`${examples}${filtersToSearch({ tool: name, invalid: "true" })}`} data-testid="invalid-examples-link">
                Invalid examples calling <span className="mono">{name}</span> →
              </Link>
            ))}
          </span>
        ) : null}
      </div>
      <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

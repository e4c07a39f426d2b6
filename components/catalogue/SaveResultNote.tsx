import { plural } from "@/lib/client/format";
import type { ToolSaveResult } from "@/lib/queries/tools";

/** "Saved as catalogue version 4 — 3 examples now invalid", from what the server answered. */
export function SaveResultNote({ toolName, res, action, onDismiss }: { toolName: string; res: ToolSaveResult; action: string; onDismiss: () => void }) {
  const r = res.revalidation;
  const renamed = res.renamedInExamples;
  const effect = renamed
    ? renamed.mode === "queued"
      ? `its calls are being renamed in ${plural(renamed.examples, "example")} in the background`
      : `calls renamed in ${plural(renamed.examples, "example")}${renamed.invalid > 0 ? `, ${renamed.invalid} of them invalid for other reasons` : ""}`
    : r.mode === "queued"
      ? "affected examples are being re-checked in the background"
      : `${plural(r.invalid, "example")} now invalid${r.newlyInvalid > 0 ? ` (${r.newlyInvalid} newly)` : ""}`;
  return (
    <div className={`banner ${r.mode === "inline" && r.newlyInvalid > 0 ? "banner-warn" : "banner-ok"}`} role="status" data-testid="tool-save-result">
      <span>
        <strong>{toolName}</strong> {action}: saved as catalogue version {res.catalogueVersion} — {effect}.
      </span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

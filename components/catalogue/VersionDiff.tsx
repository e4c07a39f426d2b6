"use client";

import { diffCatalogues, lineDiff, toolJson } from "@/lib/catalogue/diff";
import type { CatalogueVersionDto } from "@/lib/schemas/tool";

/** What changed from one catalogue version to another: tools added, removed, changed, and a line diff of each changed tool. */
export function VersionDiff({ from, to }: { from: CatalogueVersionDto; to: CatalogueVersionDto }) {
  const d = diffCatalogues(from.tools, to.tools);
  const nothing = d.added.length + d.removed.length + d.changed.length === 0;
  return (
    <div className="version-diff stack-tight" data-testid="version-diff">
      <p className="small">
        From v{from.version} to v{to.version}: {d.added.length} added, {d.removed.length} removed, {d.changed.length} changed, {d.unchanged} unchanged.
      </p>
      {nothing ? <p className="muted small">The two versions have the same tools.</p> : null}
      {d.added.length > 0 ? (
        <p className="small">
          Added:{" "}
          {d.added.map((t) => (
            <span key={t.name} className="tag diff-tag-add mono">
              + {t.name}
            </span>
          ))}
        </p>
      ) : null}
      {d.removed.length > 0 ? (
        <p className="small">
          Removed:{" "}
          {d.removed.map((t) => (
            <span key={t.name} className="tag diff-tag-del mono">
              − {t.name}
            </span>
          ))}
        </p>
      ) : null}
      {d.changed.map((c) => (
        <details key={c.name} className="diff-tool" open={d.changed.length === 1}>
          <summary className="small">
            <span className="mono">{c.name}</span> <span className="muted small">{c.fields.join(", ")}</span>
          </summary>
          {c.fields.some((f) => f !== "position") ? <JsonDiff before={toolJson(c.before)} after={toolJson(c.after)} name={c.name} /> : <p className="muted small">Only its place in the list moved.</p>}
        </details>
      ))}
    </div>
  );
}

/** A line diff of two JSON texts (+ added, − removed), with a screen-reader note. */
export function JsonDiff({ before, after, name }: { before: string; after: string; name: string }) {
  const lines = lineDiff(before, after);
  return (
    <>
      <p className="sr-only">Changes to {name}: lines starting with + were added, lines starting with − removed.</p>
      <pre className="diff-lines mono" tabIndex={0} aria-label={`Changes to ${name}`}>
      {lines.map((l, i) => (
        <span key={i} className={`diff-line diff-${l.op}`}>
          {l.op === "add" ? "+ " : l.op === "del" ? "− " : "  "}
          {l.text}
          {"\n"}
        </span>
      ))}
      </pre>
    </>
  );
}

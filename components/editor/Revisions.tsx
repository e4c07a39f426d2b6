"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { plural } from "@/lib/client/format";
import { revisionsQuery } from "@/lib/queries/examples";
import type { ExampleDto } from "@/lib/schemas/example";
import { When } from "@/components/ui/When";
import { useEditor } from "./editor-context";

/** Who saved each version; loaded only when opened. */
export function Revisions({ example }: { example: ExampleDto }) {
  const { projectId } = useEditor();
  const [open, setOpen] = useState(false);
  const revs = useQuery({ ...revisionsQuery(projectId, example.id), enabled: open });
  return (
    <details className="revisions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="small">History ({plural(example.version, "version")})</summary>
      {revs.isPending ? (
        <p className="muted small">{open ? "Loading…" : ""}</p>
      ) : !revs.data ? (
        <p className="field-error">Could not load the history.</p>
      ) : (
        <ol className="small rev-list">
          {revs.data.map((r) => (
            <li key={r.version}>
              v{r.version} · {r.author} · <When iso={r.createdAt} />
            </li>
          ))}
        </ol>
      )}
      {revs.data && example.version > revs.data.length ? (
        <p className="muted small">
          The newest {revs.data.length} of {example.version} versions.
        </p>
      ) : null}
    </details>
  );
}

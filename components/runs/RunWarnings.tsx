"use client";

import { useQuery } from "@tanstack/react-query";
import { runWarningsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { backendLabel } from "./labels";

/**
 * What the backend warned about (examples cut to max_seq_length or left out, 4-bit unavailable, an export that
 * failed…), at the top of the run page: these come early in a run and would otherwise sit among hundreds of
 * step events. A failed run's own error is already in the red banner, so it is not repeated here.
 */
export function RunWarnings({ run, live }: { run: RunDto; live: boolean }) {
  const q = useQuery(runWarningsQuery(run.projectId, run.id, live));
  const counts = new Map<string, number>();
  for (const e of q.data ?? []) if (e.message !== run.error) counts.set(e.message, (counts.get(e.message) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <div className="banner banner-warn run-warnings" role="status" data-testid="run-warnings">
      <p>
        <strong>
          {backendLabel(run.backend)} warned{counts.size === 1 ? ":" : ` about ${counts.size} things:`}
        </strong>
      </p>
      <ul>
        {[...counts].map(([message, n]) => (
          <li key={message}>
            {message}
            {n > 1 ? <span className="muted"> (×{n})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

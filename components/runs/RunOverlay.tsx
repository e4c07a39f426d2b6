"use client";

import { useQueries } from "@tanstack/react-query";
import { runQuery } from "@/lib/queries/runs";
import { LoadError, Loading } from "@/components/ui/States";
import { CompareView } from "./CompareView";
import { RUN_COLOURS } from "./labels";

/** Named runs overlaid, as the runs page's comparison shows them (a share link's run overlay). */
export function RunOverlay({ projectId, runIds }: { projectId: string; runIds: string[] }) {
  const qs = useQueries({ queries: runIds.map((id) => runQuery(projectId, id)) });
  const failed = qs.find((q) => q.isError && !q.data);
  if (failed) return <LoadError error={failed.error} what="run" onRetry={() => failed.refetch()} />;
  if (qs.some((q) => !q.data)) return <Loading label="Loading the runs…" />;
  const colourOf = (id: string) => RUN_COLOURS[Math.max(0, runIds.indexOf(id)) % RUN_COLOURS.length];
  return (
    <div className="page runs-page" data-testid="run-overlay">
      <h1>Runs compared</h1>
      <CompareView runs={qs.map((q) => q.data!)} colourOf={colourOf} />
    </div>
  );
}

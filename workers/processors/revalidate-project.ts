// Re-validates a project's examples after a catalogue change too big for the request.
import { UnrecoverableError } from "bullmq";
import type { RevalidatePayload } from "../../lib/queue/contracts";
import type { Db } from "../../lib/server/db";
import { revalidateExamples } from "../../lib/server/examples/revalidate";

export interface RevalidateDeps {
  db: Db;
  progress: (checked: number) => Promise<void> | void;
}

export async function revalidateProjectJob(payload: RevalidatePayload, deps: RevalidateDeps) {
  const project = await deps.db.project.findUnique({ where: { id: payload.projectId }, select: { id: true } });
  // The project was deleted after the job was queued: nothing to do, and retrying will not help.
  if (!project) throw new UnrecoverableError(`project ${payload.projectId} no longer exists`);
  const result = await revalidateExamples(payload.projectId, payload.onlyTools, deps.progress);
  // Clear the "re-validating" flag unless a newer catalogue change has queued its own job.
  await deps.db.project.updateMany({
    where: { id: payload.projectId, revalidatingVersion: { lte: payload.catalogueVersion } },
    data: { revalidatingVersion: null },
  });
  return result;
}

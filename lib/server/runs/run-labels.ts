// A run's name, notes and tags: the only parts of a run people edit (the rest is frozen at creation
// or written by the worker). Route: PATCH /api/projects/[projectId]/runs/[runId].
import { runPatchSchema, type RunPatch } from "../../schemas/runs";
import { noteAudit } from "../audit/context";
import { db } from "../db";
import { notFound } from "../errors";
import { jsonText, parseJsonText } from "../json-text";

/** Stored tags of a run row (null or absent: none). */
export const runTagsOf = (r: { tags: string | null }): string[] => (r.tags ? parseJsonText<string[]>(r.tags) : []);

/** Changes what the patch names; the audit event records which fields changed (names and tags from and to). */
export async function updateRunLabels(projectId: string, runId: string, input: RunPatch): Promise<void> {
  const patch = runPatchSchema.parse(input);
  const run = await db().run.findFirst({ where: { id: runId, projectId }, select: { id: true, name: true, notes: true, tags: true } });
  if (!run) throw notFound("run", runId);
  const before = { name: run.name, notes: run.notes, tags: runTagsOf(run) };
  await db().run.update({
    where: { id: runId },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.tags !== undefined ? { tags: patch.tags.length ? jsonText(patch.tags) : null } : {}),
    },
  });
  const changed = (["name", "notes", "tags"] as const).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]));
  // Names and tags are short: the event keeps both values. Notes can be long: only that they changed.
  const values = Object.fromEntries(changed.filter((k) => k !== "notes").map((k) => [k, { from: before[k], to: patch[k] }]));
  noteAudit({ target: { type: "run", id: runId, label: patch.name ?? run.name ?? undefined }, detail: { changed, ...values } });
}

// Changing the review state or split of many examples at once (the list's "select all matching").
// Each changed example gets a new version and a revision, like a save in the editor; batches of
// BATCH go through lib/server/bulk, one short transaction each.
import { exampleBulkChangeSchema, type ExampleBulkChange, type ExampleBulkResultDto } from "../../schemas/example";
import { BATCH, newRowId, type Row, writeSteps } from "../bulk";
import { db } from "../db";
import { AppError } from "../errors";
import { requireProject } from "../projects/projects";
import { snapshotOf } from "./examples";
import { listWhere } from "./filters";

const select = { id: true, number: true, version: true, messages: true, split: true, reviewState: true, tags: true, targetKind: true, invalid: true } as const;
type Selected = { id: string; number: number; version: number; messages: string; split: string; reviewState: string; tags: string; targetKind: string; invalid: boolean };

/** The selected examples, a page at a time: ids in chunks (under parameter limits), a filter by number. */
async function* pages(projectId: string, body: ReturnType<typeof exampleBulkChangeSchema.parse>): AsyncGenerator<Selected[]> {
  if (body.ids) {
    const ids = [...new Set(body.ids)];
    for (let i = 0; i < ids.length; i += 500) yield db().example.findMany({ where: { projectId, id: { in: ids.slice(i, i + 500) } }, select });
    return;
  }
  const where = listWhere(projectId, body.filter ?? {});
  for (let after = 0; ; ) {
    const rows = await db().example.findMany({ where: { AND: [where, { number: { gt: after } }] }, orderBy: { number: "asc" }, take: BATCH, select });
    if (rows.length === 0) return;
    after = rows.at(-1)!.number;
    yield rows;
  }
}

export async function changeExamples(projectId: string, input: ExampleBulkChange, authorId: string): Promise<ExampleBulkResultDto> {
  const body = exampleBulkChangeSchema.parse(input);
  await requireProject(projectId);
  const { reviewState, split } = body.set;
  const out: ExampleBulkResultDto = { matched: 0, changed: 0, unchanged: 0, skipped: { unlabelled: 0, invalid: 0 } };
  for await (const rows of pages(projectId, body)) {
    out.matched += rows.length;
    const updates: Row[] = [];
    const revisions: Row[] = [];
    const now = new Date();
    for (const r of rows) {
      // The editor's rule (reviewStateAfterSave): only a labelled, valid target leaves draft.
      if (reviewState && reviewState !== "draft" && r.reviewState !== reviewState) {
        if (r.targetKind === "unlabelled") { out.skipped.unlabelled += 1; continue; }
        if (r.invalid) { out.skipped.invalid += 1; continue; }
      }
      const next = { messages: r.messages, tags: r.tags, split: split ?? r.split, reviewState: reviewState ?? r.reviewState };
      if (next.split === r.split && next.reviewState === r.reviewState) { out.unchanged += 1; continue; }
      updates.push({ id: r.id, version: r.version, split: next.split, reviewState: next.reviewState, updatedById: authorId, updatedAt: now });
      revisions.push({ id: newRowId(), exampleId: r.id, version: r.version + 1, snapshot: snapshotOf(next), authorId, createdAt: now });
    }
    if (updates.length === 0) continue;
    // Keyed on (id, version): an example saved by someone since this page was read is left alone,
    // and its revision number already taken makes the batch roll back (unique exampleId+version).
    try {
      const [changed] = await writeSteps([
        { update: "Example", key: ["id", "version"], rows: updates, alsoSet: `"version" = t."version" + 1`, where: `t."projectId" = ?`, params: [projectId] },
        { insert: "ExampleRevision", rows: revisions },
      ]);
      out.changed += changed;
    } catch (e) {
      if (!/unique|UNIQUE/.test((e as Error).message)) throw e;
      throw new AppError("conflict", `someone saved one of these examples while this change ran; ${out.changed} were changed before it and the rest are as they were: run the change again to finish`);
    }
  }
  return out;
}

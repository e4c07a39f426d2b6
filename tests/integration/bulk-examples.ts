// Thousands of examples in seconds for the scale tier: rows written as createExample would store
// them (derived columns from deriveColumns), in createMany batches, with the project's counter moved on.
import type { Message } from "@/lib/schemas/example";
import { db } from "@/lib/server/db";
import { deriveColumns } from "@/lib/server/examples/derive";

export interface BulkExample {
  messages: Message[];
  split?: "train" | "validation" | "gold" | "unassigned";
  reviewState?: "draft" | "labelled" | "reviewed";
}

/** Inserts `n` labelled, valid examples made by `make(i)`; returns nothing the test could not read back. */
export async function insertExamples(projectId: string, n: number, make: (i: number) => BulkExample): Promise<void> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { nextExampleNumber: true } });
  const first = project.nextExampleNumber;
  for (let start = 0; start < n; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const e = make(i);
      rows.push({
        projectId,
        number: first + i,
        messages: JSON.stringify(e.messages),
        ...deriveColumns(e.messages),
        split: e.split ?? "train",
        reviewState: e.reviewState ?? "labelled",
        invalid: false,
        issues: "[]",
        tags: "[]",
        source: "bulk-test",
      });
    }
    await db().example.createMany({ data: rows });
  }
  await db().project.update({ where: { id: projectId }, data: { nextExampleNumber: first + n } });
}

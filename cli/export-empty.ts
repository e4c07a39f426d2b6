// Why `tooltune export` has nothing to write, in words that say what to run next.
import { db } from "../lib/server/db";
import { exportPlan, type ExportQuery } from "../lib/server/datasets/export";
import { TRAINABLE } from "../lib/server/examples/filters";

const n = (x: number) => x.toLocaleString("en");
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** Null when the export has lines to write; otherwise the reason, naming the command that fixes it. */
export async function whyNothingToExport(projectId: string, ref: string, q: ExportQuery): Promise<string | null> {
  const { where } = await exportPlan(projectId, q);
  if ((await db().example.count({ where })) > 0) return null;
  const project = /\s/.test(ref) ? JSON.stringify(ref) : ref;
  const bySplit = await db().example.groupBy({ by: ["split"], where: { projectId, ...TRAINABLE }, _count: { _all: true } });
  const trainable = Object.fromEntries(bySplit.map((g) => [g.split, g._count._all])) as Record<string, number>;
  const what = q.split === "all" ? "the train and validation splits are empty" : `the ${q.split} split is empty`;
  const unassigned = trainable.unassigned ?? 0;
  if (unassigned > 0) return `${what}; ${plural(unassigned, "labelled example")} ${unassigned === 1 ? "has" : "have"} no split: run tooltune split --project ${project} --apply`;
  const total = await db().example.count({ where: { projectId } });
  if (total === 0) return `${what}; the project has no examples: import some with tooltune import FILE --project ${project}`;
  const ready = Object.values(trainable).reduce((a, b) => a + b, 0);
  if (ready === 0) return `${what}; none of the project's ${plural(total, "example")} is labelled and valid (label them, or fix the invalid ones, in the app)`;
  const elsewhere = Object.entries(trainable).map(([split, count]) => `${split} ${n(count)}`).join(", ");
  return `${what}; the labelled, valid examples are in other splits (${elsewhere}); gold is never exported for training`;
}

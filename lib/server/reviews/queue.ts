// The reviewer's queue: the next example to review blind, and how many are left per split.
import { finalRoutingIndex } from "../../reviews/agreement";
import { SPLITS, type Split } from "../../schemas/common";
import { QUEUE_SPLIT_ORDER, type ReviewQueueDto, type ReviewQueueQuery } from "../../schemas/review";
import { db } from "../db";
import { parseMessages } from "../examples/dto";
import { requireProject } from "../projects/projects";
import { eligibleWhere } from "./eligible";

/** Candidates read per split: the first with a labelled final routing turn is served. */
const LOOKAHEAD = 20;

export async function reviewQueue(projectId: string, reviewerId: string, q: ReviewQueueQuery): Promise<ReviewQueueDto> {
  await requireProject(projectId);
  const groups = await db().example.groupBy({
    by: ["split"],
    where: eligibleWhere(projectId, reviewerId, { tool: q.tool, skip: q.skip }),
    _count: { _all: true },
  });
  const bySplit = Object.fromEntries(SPLITS.map((s) => [s, 0])) as Record<Split, number>;
  for (const g of groups) if (g.split in bySplit) bySplit[g.split as Split] = g._count._all;
  const order = q.split ? [q.split] : QUEUE_SPLIT_ORDER.filter((s) => bySplit[s] > 0);
  const remaining = q.split ? bySplit[q.split] : Object.values(bySplit).reduce((a, b) => a + b, 0);
  for (const split of order) {
    const rows = await db().example.findMany({
      where: eligibleWhere(projectId, reviewerId, { split, tool: q.tool, skip: q.skip }),
      orderBy: { number: "asc" },
      take: LOOKAHEAD,
      select: { id: true, number: true, version: true, split: true, messages: true },
    });
    for (const r of rows) {
      const messages = parseMessages(r.messages);
      const at = finalRoutingIndex(messages);
      if (at === null) continue;
      return {
        remaining,
        bySplit,
        item: { exampleId: r.id, number: r.number, version: r.version, split: r.split as Split, context: messages.slice(0, at) },
      };
    }
  }
  return { remaining, bySplit, item: null };
}

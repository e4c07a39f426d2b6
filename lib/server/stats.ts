// The numbers behind the no_tool gauge and the per-tool counts.
import { SPLITS, type Split } from "../schemas/common";
import type { ProjectStatsDto, RatioDto } from "../schemas/stats";
import { ratioOf } from "../gauge";
import { db } from "./db";
import { requireProject } from "./projects/projects";

const LABELLED = { in: ["labelled", "reviewed"] };

export async function projectStats(projectId: string): Promise<ProjectStatsDto> {
  await requireProject(projectId);
  const [bySplit, byReview, invalid, unlabelled, tools] = await Promise.all([
    db().example.groupBy({ by: ["split"], where: { projectId, reviewState: LABELLED }, _sum: { decisionCount: true, noToolCount: true } }),
    db().example.groupBy({ by: ["reviewState"], where: { projectId }, _count: { _all: true } }),
    db().example.count({ where: { projectId, invalid: true } }),
    db().example.count({ where: { projectId, targetKind: "unlabelled" } }),
    db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { name: true, archived: true } }),
  ]);
  const perTool = await Promise.all(
    tools.map(async (t) => ({
      name: t.name,
      archived: t.archived,
      count: await db().example.count({ where: { projectId, reviewState: LABELLED, targetTools: { contains: `,${t.name},` } } }),
    })),
  );
  const perSplit = {} as Record<Split, RatioDto>;
  let decisions = 0;
  let noTool = 0;
  for (const split of SPLITS) {
    const row = bySplit.find((r) => r.split === split);
    const d = row?._sum.decisionCount ?? 0;
    const n = row?._sum.noToolCount ?? 0;
    perSplit[split] = ratioOf(n, d);
    decisions += d;
    noTool += n;
  }
  const count = (s: string) => byReview.find((r) => r.reviewState === s)?._count._all ?? 0;
  return {
    overall: ratioOf(noTool, decisions),
    perSplit,
    perTool,
    totals: {
      examples: byReview.reduce((a, r) => a + r._count._all, 0),
      draft: count("draft"),
      labelled: count("labelled"),
      reviewed: count("reviewed"),
      invalid,
      unlabelled,
    },
  };
}

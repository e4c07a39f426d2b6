// The numbers behind the no_tool gauge and the per-tool counts.
import { SPLITS, type Split } from "../schemas/common";
import type { ProjectStatsDto, RatioDto } from "../schemas/stats";
import { ratioOf } from "../gauge";
import { db } from "./db";
import { requireProject } from "./projects/projects";

import { LABELLED_STATES as LABELLED } from "./examples/filters";


export async function projectStats(projectId: string): Promise<ProjectStatsDto> {
  await requireProject(projectId);
  // Two grouped scans answer everything; the distinct tool combinations are few even at 100k examples.
  const [groups, combos, tools] = await Promise.all([
    db().example.groupBy({
      by: ["split", "reviewState", "targetKind", "invalid"],
      where: { projectId },
      _count: { _all: true },
      _sum: { decisionCount: true, noToolCount: true },
    }),
    db().example.groupBy({ by: ["targetTools"], where: { projectId, reviewState: LABELLED, targetTools: { not: "" } }, _count: { _all: true } }),
    db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { name: true, archived: true } }),
  ]);
  const perToolCount = new Map<string, number>();
  for (const c of combos) {
    for (const name of c.targetTools.split(",").filter(Boolean)) perToolCount.set(name, (perToolCount.get(name) ?? 0) + c._count._all);
  }
  const perSplit = {} as Record<Split, RatioDto>;
  const totals = { examples: 0, draft: 0, labelled: 0, reviewed: 0, invalid: 0, unlabelled: 0 };
  const sums = new Map<string, { d: number; n: number }>();
  for (const g of groups) {
    const count = g._count._all;
    totals.examples += count;
    if (g.reviewState === "draft" || g.reviewState === "labelled" || g.reviewState === "reviewed") totals[g.reviewState] += count;
    if (g.invalid) totals.invalid += count;
    if (g.targetKind === "unlabelled") totals.unlabelled += count;
    if (g.reviewState === "labelled" || g.reviewState === "reviewed") {
      const s = sums.get(g.split) ?? { d: 0, n: 0 };
      s.d += g._sum.decisionCount ?? 0;
      s.n += g._sum.noToolCount ?? 0;
      sums.set(g.split, s);
    }
  }
  let decisions = 0;
  let noTool = 0;
  for (const split of SPLITS) {
    const s = sums.get(split) ?? { d: 0, n: 0 };
    perSplit[split] = ratioOf(s.n, s.d);
    decisions += s.d;
    noTool += s.n;
  }
  return {
    overall: ratioOf(noTool, decisions),
    perSplit,
    perTool: tools.map((t) => ({ name: t.name, archived: t.archived, count: perToolCount.get(t.name) ?? 0 })),
    totals,
  };
}

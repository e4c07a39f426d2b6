// The numbers behind the no_tool gauge and the per-tool counts.
import { SPLITS, type Split } from "../schemas/common";
import type { ProjectStatsDto, RatioDto } from "../schemas/stats";
import { ratioOf } from "../gauge";
import { db } from "./db";
import { requireProject } from "./projects/projects";

import { LABELLED_STATES as LABELLED, NEEDS_REASON } from "./examples/filters";

/** Routing decisions (d), their no_tool ones (n), follow-ups (f) and the chained calls among them (c). */
interface Sums {
  d: number;
  n: number;
  f: number;
  c: number;
}
const zero = (): Sums => ({ d: 0, n: 0, f: 0, c: 0 });
const ratioOfSums = (s: Sums) => ratioOf(s.n, s.d, { decisions: s.f, answers: s.f - s.c, calls: s.c });

export async function projectStats(projectId: string): Promise<ProjectStatsDto> {
  await requireProject(projectId);
  // Two grouped scans answer everything; the distinct tool combinations are few even at 100k examples.
  // The ratio counts routing decisions only (replies to a user message); follow-ups are summed apart.
  // The grouping matches Example_routing_gauge_idx, so the scan reads the index alone.
  const [groups, unlabelled, needsReason, combos, tools] = await Promise.all([
    db().example.groupBy({
      by: ["split", "reviewState", "invalid"],
      where: { projectId },
      _count: { _all: true },
      _sum: { routingCount: true, routingNoToolCount: true, followUpCount: true, followUpCallCount: true },
    }),
    db().example.count({ where: { projectId, targetKind: "unlabelled" } }),
    db().example.count({ where: { projectId, ...NEEDS_REASON } }),
    db().example.groupBy({ by: ["targetTools"], where: { projectId, reviewState: LABELLED, targetTools: { not: "" } }, _count: { _all: true } }),
    db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { name: true, archived: true } }),
  ]);
  const perToolCount = new Map<string, number>();
  for (const c of combos) {
    for (const name of c.targetTools.split(",").filter(Boolean)) perToolCount.set(name, (perToolCount.get(name) ?? 0) + c._count._all);
  }
  const perSplit = {} as Record<Split, RatioDto>;
  const totals = { examples: 0, draft: 0, labelled: 0, reviewed: 0, invalid: 0, unlabelled, needsReason };
  const sums = new Map<string, Sums>();
  for (const g of groups) {
    const count = g._count._all;
    totals.examples += count;
    if (g.reviewState === "draft" || g.reviewState === "labelled" || g.reviewState === "reviewed") totals[g.reviewState] += count;
    if (g.invalid) totals.invalid += count;
    if (g.reviewState === "labelled" || g.reviewState === "reviewed") {
      const s = sums.get(g.split) ?? zero();
      s.d += g._sum.routingCount ?? 0;
      s.n += g._sum.routingNoToolCount ?? 0;
      s.f += g._sum.followUpCount ?? 0;
      s.c += g._sum.followUpCallCount ?? 0;
      sums.set(g.split, s);
    }
  }
  const all = zero();
  for (const split of SPLITS) {
    const s = sums.get(split) ?? zero();
    perSplit[split] = ratioOfSums(s);
    all.d += s.d;
    all.n += s.n;
    all.f += s.f;
    all.c += s.c;
  }
  return {
    overall: ratioOfSums(all),
    perSplit,
    perTool: tools.map((t) => ({ name: t.name, archived: t.archived, count: perToolCount.get(t.name) ?? 0 })),
    totals,
  };
}

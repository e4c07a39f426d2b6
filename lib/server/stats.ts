// The numbers behind the no_tool gauge and the per-tool counts.
import { SPLITS, type Split } from "../schemas/common";
import type { ProjectStatsDto, RatioDto } from "../schemas/stats";
import { ratioOf } from "../gauge";
import { db } from "./db";
import { requireProject } from "./projects/projects";

import { LABELLED_STATES } from "./examples/filters";

/** Routing decisions (d), their no_tool ones (n), follow-ups (f) and the chained calls among them (c). */
interface Sums {
  d: number;
  n: number;
  f: number;
  c: number;
}
const zero = (): Sums => ({ d: 0, n: 0, f: 0, c: 0 });
const ratioOfSums = (s: Sums) => ratioOf(s.n, s.d, { decisions: s.f, answers: s.f - s.c, calls: s.c });

/** One row of "ExampleTally": a group of the project's examples and their summed decision counts. */
export interface TallyRow {
  split: string;
  reviewState: string;
  invalid: boolean;
  /** targetKind is "unlabelled". */
  unlabelled: boolean;
  /** The NEEDS_REASON filter (lib/server/examples/filters.ts) holds. */
  needsReason: boolean;
  /** ",a,b," : every tool the examples call. */
  targetTools: string;
  examples: number;
  routing: number;
  routingNoTool: number;
  followUps: number;
  followUpCalls: number;
}

type Raw = { [K in keyof TallyRow]: TallyRow[K] extends boolean ? boolean | number : TallyRow[K] extends number ? number | bigint : string };

/**
 * The project's examples grouped by what the gauge tells apart, as triggers keep them in
 * "ExampleTally" (migration 0010_gauge_tally) on every write: a few dozen rows at any size.
 */
export async function projectTally(projectId: string): Promise<TallyRow[]> {
  const rows = await db().$queryRaw<Raw[]>`
    SELECT "split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools",
      "examples", "routing", "routingNoTool", "followUps", "followUpCalls"
    FROM "ExampleTally" WHERE "projectId" = ${projectId} AND "examples" <> 0`;
  return rows.map((r) => ({
    split: r.split,
    reviewState: r.reviewState,
    invalid: Boolean(r.invalid),
    unlabelled: Boolean(r.unlabelled),
    needsReason: Boolean(r.needsReason),
    targetTools: r.targetTools,
    examples: Number(r.examples),
    routing: Number(r.routing),
    routingNoTool: Number(r.routingNoTool),
    followUps: Number(r.followUps),
    followUpCalls: Number(r.followUpCalls),
  }));
}

export async function projectStats(projectId: string): Promise<ProjectStatsDto> {
  // The ratio counts routing decisions only (replies to a user message); follow-ups are summed apart.
  const [, groups, tools] = await Promise.all([
    requireProject(projectId),
    projectTally(projectId),
    db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { name: true, archived: true } }),
  ]);
  const labelled = new Set(LABELLED_STATES.in);
  const perToolCount = new Map<string, number>();
  const totals = { examples: 0, draft: 0, labelled: 0, reviewed: 0, invalid: 0, unlabelled: 0, needsReason: 0 };
  const sums = new Map<string, Sums>();
  for (const g of groups) {
    totals.examples += g.examples;
    if (g.reviewState === "draft" || g.reviewState === "labelled" || g.reviewState === "reviewed") totals[g.reviewState] += g.examples;
    if (g.invalid) totals.invalid += g.examples;
    if (g.unlabelled) totals.unlabelled += g.examples;
    if (g.needsReason) totals.needsReason += g.examples;
    if (!labelled.has(g.reviewState)) continue;
    for (const name of g.targetTools.split(",").filter(Boolean)) perToolCount.set(name, (perToolCount.get(name) ?? 0) + g.examples);
    const s = sums.get(g.split) ?? zero();
    s.d += g.routing;
    s.n += g.routingNoTool;
    s.f += g.followUps;
    s.c += g.followUpCalls;
    sums.set(g.split, s);
  }
  const perSplit = {} as Record<Split, RatioDto>;
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

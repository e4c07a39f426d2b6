// The projects page's summary of each project (examples are counted with the list itself): the
// no_tool share, the newest run and the best eval. Four queries for any number of projects, none
// per project: the gauge's "ExampleTally" rows summed by project, and one window query each for the
// newest run and the best eval.
import { Prisma } from "../../../generated/sqlite/client";
import type { ProjectSummaryDto } from "../../schemas/project";
import type { RunStatus } from "../../schemas/runs";
import { LABELLED_STATES } from "../examples/filters";
import { db, dbKind } from "../db";

type Num = number | bigint | string | null;
const num = (v: Num): number => (v === null ? 0 : Number(v));

const empty = (): ProjectSummaryDto => ({ routingDecisions: 0, noToolRatio: null, lastRun: null, bestEval: null });

/** The exact-match rate inside an eval's summary JSON (lib/scoring/types.ts EvalSummary), as SQL. */
function exactMatchSql(part: "value" | "n" | "d"): Prisma.Sql {
  if (dbKind() === "postgres") return Prisma.raw(`("summary"::jsonb #>> '{exactMatch,${part}}')::double precision`);
  // A REAL column whatever the first row holds: the SQLite adapter types a result column from its
  // values, so a first 0 or 1 made the others integers (0.8 came back as 0 once another project had one).
  return Prisma.raw(part === "value" ? `CAST(json_extract("summary", '$.exactMatch.value') AS REAL)` : `json_extract("summary", '$.exactMatch.${part}')`);
}

export async function projectSummaries(projectIds: readonly string[]): Promise<Map<string, ProjectSummaryDto>> {
  const out = new Map(projectIds.map((id) => [id, empty()]));
  if (projectIds.length === 0) return out;
  const ids = Prisma.join(projectIds);
  const labelled = Prisma.join(LABELLED_STATES.in);
  const value = exactMatchSql("value");

  const [tallies, newestRuns, bestEvals] = await Promise.all([
    db().$queryRaw<{ projectId: string; routing: Num; noTool: Num }[]>`
      SELECT "projectId", SUM("routing") AS "routing", SUM("routingNoTool") AS "noTool"
      FROM "ExampleTally" WHERE "projectId" IN (${ids}) AND "reviewState" IN (${labelled})
      GROUP BY "projectId"`,
    // Ids only: Prisma reads the rows below, so dates come back as dates on both databases.
    db().$queryRaw<{ id: string }[]>`
      SELECT "id" FROM (
        SELECT "id", ROW_NUMBER() OVER (PARTITION BY "projectId" ORDER BY "createdAt" DESC, "id" DESC) AS "rank"
        FROM "Run" WHERE "projectId" IN (${ids})
      ) AS ranked WHERE "rank" = 1`,
    db().$queryRaw<{ id: string; projectId: string; name: string; model: string; exact: Num; n: Num; d: Num }[]>`
      SELECT "id", "projectId", "name", "model", "exact", "n", "d" FROM (
        SELECT "id", "projectId", "name", "model", ${value} AS "exact", ${exactMatchSql("n")} AS "n", ${exactMatchSql("d")} AS "d",
          ROW_NUMBER() OVER (PARTITION BY "projectId" ORDER BY ${value} DESC, "createdAt" DESC, "id" DESC) AS "rank"
        FROM "Eval"
        WHERE "projectId" IN (${ids}) AND "status" = 'succeeded' AND "summary" IS NOT NULL AND ${value} IS NOT NULL
      ) AS ranked WHERE "rank" = 1`,
  ]);
  const runs = newestRuns.length
    ? await db().run.findMany({
        where: { id: { in: newestRuns.map((r) => r.id) } },
        select: { id: true, projectId: true, status: true, baseModel: true, createdAt: true, finishedAt: true },
      })
    : [];

  for (const t of tallies) {
    const s = out.get(t.projectId);
    if (!s) continue;
    s.routingDecisions = num(t.routing);
    s.noToolRatio = s.routingDecisions === 0 ? null : num(t.noTool) / s.routingDecisions;
  }
  for (const r of runs) {
    const s = out.get(r.projectId);
    if (s)
      s.lastRun = {
        id: r.id,
        status: r.status as RunStatus,
        baseModel: r.baseModel,
        createdAt: r.createdAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      };
  }
  for (const e of bestEvals) {
    const s = out.get(e.projectId);
    if (s) s.bestEval = { id: e.id, name: e.name, model: e.model, exactMatch: num(e.exact), n: num(e.n), d: num(e.d) };
  }
  return out;
}

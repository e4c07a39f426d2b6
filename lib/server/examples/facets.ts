// The values the examples list can filter on beyond the fixed ones: the project's tags and the people
// who last saved its examples, each with how many examples carry it.
import type { ExampleFacetsDto } from "../../schemas/example";
import { authorLabels } from "../authors";
import { selectRows } from "../bulk";
import { db } from "../db";
import { requireProject } from "../projects/projects";

export async function exampleFacets(projectId: string): Promise<ExampleFacetsDto> {
  await requireProject(projectId);
  // Only rows that have tags are read, and only their tags column.
  const [tagRows, byAuthor] = await Promise.all([
    selectRows<{ tags: string }>(`SELECT "tags" FROM "Example" WHERE "projectId" = ? AND "tags" <> '[]'`, [projectId]),
    db().example.groupBy({ by: ["updatedById"], where: { projectId, updatedById: { not: null } }, _count: { _all: true } }),
  ]);
  const tags = new Map<string, number>();
  for (const r of tagRows) for (const t of JSON.parse(r.tags) as string[]) tags.set(t, (tags.get(t) ?? 0) + 1);
  const labels = await authorLabels(byAuthor.map((a) => a.updatedById));
  return {
    tags: [...tags].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
    authors: byAuthor
      .map((a) => ({ id: a.updatedById!, label: labels.get(a.updatedById!) ?? "unknown", count: a._count._all }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

// Results computed from a project's examples (the health report, the run preview's counts), kept in
// memory per (what, catalogue version, project settings, data version). The data version is a
// counter the database bumps on every insert, update and delete of the project's examples, by
// triggers (migration 0008_example_search), so every write path invalidates: Prisma, raw
// INSERT ... SELECT, bulk UPDATEs, COPY, cascades. Reading it is one primary-key lookup.
import { db } from "../db";
import { notFound } from "../errors";

const MAX_ENTRIES = 64;

const g = globalThis as unknown as { __tooltuneDataCache?: Map<string, { scope: string; value: Promise<unknown> }> };
const cache = () => (g.__tooltuneDataCache ??= new Map());

/** The project's example data version: changes whenever any of its examples is written. */
export async function exampleDataVersion(projectId: string): Promise<number> {
  const rows = await db().$queryRaw<{ version: number | bigint }[]>`SELECT "version" FROM "ExampleDataVersion" WHERE "projectId" = ${projectId}`;
  return Number(rows[0]?.version ?? 0);
}

/**
 * `compute()` once per state of the project's data and catalogue; `scope` names what is computed
 * (and its options). A value computed while the data changed is stored under the version read
 * before, which no later request asks for.
 */
export async function cachedByData<T>(projectId: string, scope: string, compute: () => Promise<T>): Promise<T> {
  const [project, version] = await Promise.all([
    db().project.findUnique({ where: { id: projectId }, select: { catalogueVersion: true, updatedAt: true } }),
    exampleDataVersion(projectId),
  ]);
  if (!project) throw notFound("project", projectId);
  const fullScope = `${projectId}|${scope}`;
  // The catalogue version covers tools; updatedAt covers the output style, prompt and other settings.
  const key = `${fullScope}|c${project.catalogueVersion}|p${project.updatedAt.getTime()}|d${version}`;
  const map = cache();
  const hit = map.get(key);
  if (hit) {
    map.delete(key); // most recently used last
    map.set(key, hit);
    return hit.value as Promise<T>;
  }
  for (const [k, e] of map) if (e.scope === fullScope) map.delete(k); // an older state of the same thing
  const value = compute();
  map.set(key, { scope: fullScope, value });
  value.catch(() => map.delete(key)); // a failure is not remembered
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return value;
}

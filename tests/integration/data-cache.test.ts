// The health report and the run preview are computed once per state of a project's data and
// catalogue, at 5,000 examples; every kind of write (the editor, a delete, a bulk re-split, a raw
// INSERT ... SELECT as the import commit does, a catalogue change) makes the next request recompute.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as healthRoute from "@/app/api/projects/[projectId]/health/route";
import * as previewRoute from "@/app/api/projects/[projectId]/runs/preview/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { projectHealth } from "@/lib/server/datasets/health";
import { createTool } from "@/lib/server/tools/tools";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, routerExample } from "./helpers";
import { insertExamples } from "./bulk-examples";

const N = 5_000;
let projectId = "";
const OPTS = { encoding: "o200k_base", tokenLimit: 16_385 } as const;

beforeAll(async () => {
  // This file tests the in-request cache: its splits are measured inside the request, not by the worker (health-job.test.ts).
  process.env.TOOLTUNE_INLINE_HEALTH_LIMIT = String(N);
  projectId = (await call(projects.POST, "POST", { body: { name: "Cached health" } })).json.id;
  const author = await resolveAuthor("Cache tests");
  for (const t of customerSupport.tools.slice(0, 2)) await createTool(projectId, t, author);
  await insertExamples(projectId, N, (i) => ({
    ...routerExample(`where is order ORD-${String(i).padStart(5, "0")}?`, i % 8 === 0 ? { noTool: "no order given" } : { tool: "track_order", args: { order_id: "ORD-00001" } }),
    split: i % 5 === 0 ? "validation" : "train",
  }));
}, 120_000);

afterAll(() => disconnectDb());

async function health() {
  const r = await call(healthRoute.GET, "GET", { params: { projectId }, query: { split: "train" } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.report as { examples: number; totalTokens?: number; distributions: { totalTokens?: { max: number } } };
}

async function preview() {
  const r = await call(previewRoute.GET, "GET", { params: { projectId } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.snapshot as { train: { examples: number; ratio: { noTool: number } }; validation: { examples: number } | null; trainTokens: number };
}

/** The cached report is the very object computed before; a changed state yields a new one. */
async function expectRecomputed(change: () => Promise<unknown>) {
  const before = await projectHealth(projectId, "train", OPTS);
  expect(await projectHealth(projectId, "train", OPTS)).toBe(before); // unchanged: served from the cache
  await change();
  const after = await projectHealth(projectId, "train", OPTS);
  expect(after).not.toBe(before);
  return { before, after };
}

describe("the health report and the run preview, cached per data and catalogue state", () => {
  it("answers a second request from the cache with the same report", async () => {
    const first = await health();
    expect(first.examples).toBe(N - N / 5);
    expect(await health()).toEqual(first);
    const p = await preview();
    expect(p.train.examples).toBe(N - N / 5);
    expect(p.validation?.examples).toBe(N / 5);
  });

  it("recomputes after an example is edited in the editor", async () => {
    const row = await db().example.findFirstOrThrow({ where: { projectId, split: "train" }, orderBy: { number: "asc" } });
    const longer = routerExample(`where is order ORD-00001? ${"it was a gift for my grandmother ".repeat(40)}`, { tool: "track_order", args: { order_id: "ORD-00001" } });
    const { before, after } = await expectRecomputed(async () => {
      const r = await call(example.PUT, "PUT", { params: { projectId, exampleId: row.id }, body: { version: row.version, messages: longer.messages } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    });
    expect(after.examples).toBe(before.examples);
    expect(after.distributions.totalTokens!.max).toBeGreaterThan(before.distributions.totalTokens!.max);
    expect((await health()).distributions.totalTokens?.max).toBe(after.distributions.totalTokens!.max);
  });

  it("recomputes after an example is deleted", async () => {
    const row = await db().example.findFirstOrThrow({ where: { projectId, split: "train" }, orderBy: { number: "desc" } });
    const { before, after } = await expectRecomputed(() => call(example.DELETE, "DELETE", { params: { projectId, exampleId: row.id } }));
    expect(after.examples).toBe(before.examples - 1);
  });

  it("recomputes the report and the preview after a bulk re-split written as one SQL statement", async () => {
    const before = await preview();
    const { after } = await expectRecomputed(() => db().$executeRaw`UPDATE "Example" SET "split" = 'validation' WHERE "projectId" = ${projectId} AND "split" = 'train' AND "number" <= 1000`);
    const moved = before.train.examples - after.examples;
    expect(moved).toBeGreaterThan(700);
    const p = await preview();
    expect(p.train.examples).toBe(before.train.examples - moved);
    expect(p.validation?.examples).toBe(before.validation!.examples + moved);
  });

  it("recomputes after rows are copied in by INSERT ... SELECT, as the import commit writes them", async () => {
    const { before, after } = await expectRecomputed(
      () => db().$executeRaw`INSERT INTO "Example" ("id", "projectId", "number", "messages", "searchText", "targetKind", "split", "reviewState", "issues", "tags", "updatedAt")
        SELECT 'copy-' || "id", "projectId", "number" + 100000, "messages", "searchText", "targetKind", "split", "reviewState", "issues", "tags", "updatedAt"
        FROM "Example" WHERE "projectId" = ${projectId} AND "split" = 'train' AND "number" <= 1100`,
    );
    expect(after.examples).toBeGreaterThan(before.examples);
  });

  it("recomputes after a catalogue change", async () => {
    const author = await resolveAuthor("Cache tests");
    const { before, after } = await expectRecomputed(() => createTool(projectId, customerSupport.tools[2], author));
    expect(after.examples).toBe(before.examples);
  });
});

// Version histories grow without bound (a catalogue edited for a year, an example saved a thousand
// times): they are served newest first, a page at a time.
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as versionsRoute from "@/app/api/projects/[projectId]/catalogue/versions/route";
import * as revisionsRoute from "@/app/api/projects/[projectId]/examples/[exampleId]/revisions/route";
import * as metricsRoute from "@/app/api/projects/[projectId]/runs/[runId]/metrics/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createExample } from "@/lib/server/examples/examples";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as endpointsRoute from "@/app/api/endpoints/route";
import { LIMITS } from "@/lib/schemas/common";
import { call, routerExample } from "./helpers";

describe("history pages", () => {
  it("serves 250 catalogue versions 100 at a time, newest first, and refuses a page over 200", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `history ${Date.now()}` } })).json.id;
    const authorId = await resolveAuthor("Historian");
    await db().catalogueVersion.createMany({ data: Array.from({ length: 250 }, (_, i) => ({ projectId: pid, version: i + 1, summary: `change ${i + 1}`, tools: "[]", authorId })) });
    const first = await call(versionsRoute.GET, "GET", { params: { projectId: pid } });
    expect(first.json.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 100 }, (_, i) => 250 - i));
    const next = await call(versionsRoute.GET, "GET", { params: { projectId: pid }, query: { before: "151", limit: "200" } });
    expect(next.json.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 150 }, (_, i) => 150 - i));
    const tooMany = await call(versionsRoute.GET, "GET", { params: { projectId: pid }, query: { limit: "100000" } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error.field).toBe("limit");
  });

  it("serves an example's revisions newest first, a page at a time", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `revisions ${Date.now()}` } })).json.id;
    const authorId = await resolveAuthor("Historian");
    const ex = await createExample(pid, routerExample("hello", { noTool: "greeting" }), authorId);
    await db().exampleRevision.createMany({ data: Array.from({ length: 130 }, (_, i) => ({ exampleId: ex.id, version: i + 2, snapshot: "{}", authorId })) });
    const page = await call(revisionsRoute.GET, "GET", { params: { projectId: pid, exampleId: ex.id } });
    expect(page.json).toHaveLength(100);
    expect(page.json[0].version).toBe(131);
    const older = await call(revisionsRoute.GET, "GET", { params: { projectId: pid, exampleId: ex.id }, query: { before: String(page.json.at(-1).version) } });
    expect(older.json.map((r: { version: number }) => r.version)).toEqual(Array.from({ length: 31 }, (_, i) => 31 - i));
  });

  it("serves a 25,000-step loss curve in pages of 10,000 points, each pointing to the next", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `long curve ${Date.now()}` } })).json.id;
    const run = await db().run.create({ data: { projectId: pid, backend: "gpu", baseModel: "tiny", config: "{}", snapshot: "{}", trainFilePath: "", status: "running" } });
    for (let i = 0; i < 25_000; i += 5_000) {
      await db().metricPoint.createMany({ data: Array.from({ length: 5_000 }, (_, k) => ({ runId: run.id, step: i + k + 1, trainLoss: 2 - (i + k) / 25_000 })) });
    }
    const steps: number[] = [];
    let after: number | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: { points: { step: number }[]; lastStep: number | null; more: boolean } = (
        await call(metricsRoute.GET, "GET", { params: { projectId: pid, runId: run.id }, query: after === null ? {} : { afterStep: String(after) } })
      ).json;
      steps.push(...page.points.map((p) => p.step));
      after = page.lastStep;
      if (!page.more) break;
      expect(page.points).toHaveLength(10_000);
    }
    expect(steps).toHaveLength(25_000);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(25_000);
    expect(new Set(steps).size).toBe(25_000);
  }, 120_000);
});

describe("lists bounded by construction", () => {
  const tool = (name: string) => ({ name, description: "d", parameters: { type: "object", properties: {} } });

  it("refuses a tool past the project's limit, naming it", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `many tools ${Date.now()}` } })).json.id;
    await db().tool.createMany({ data: Array.from({ length: LIMITS.toolsPerProject }, (_, i) => ({ projectId: pid, name: `t${i}`, parameters: "{}", position: i })) });
    const r = await call(toolsRoute.POST, "POST", { params: { projectId: pid }, body: tool("one_more") });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(new RegExp(`at most ${LIMITS.toolsPerProject} tools`));
    expect(await db().tool.count({ where: { projectId: pid } })).toBe(LIMITS.toolsPerProject);
  });

  it("refuses an endpoint past the limit", async () => {
    const have = await db().endpoint.count();
    await db().endpoint.createMany({ data: Array.from({ length: LIMITS.endpoints - have }, (_, i) => ({ name: `bulk ${Date.now()} ${i}`, baseUrl: "http://127.0.0.1:9/v1" })) });
    const r = await call(endpointsRoute.POST, "POST", { body: { name: `one more ${Date.now()}`, baseUrl: "http://127.0.0.1:9/v1" } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/at most 200 endpoints/);
    await db().endpoint.deleteMany({ where: { name: { startsWith: "bulk " } } });
  });
});


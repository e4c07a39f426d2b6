// The Data tab's cost estimate before a split: the health report of "labelled" measures every
// labelled, valid example that is not gold, in a split or not, so the cost is there from the start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as healthRoute from "@/app/api/projects/[projectId]/health/route";
import { disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, routerExample } from "./helpers";
import { insertExamples } from "./bulk-examples";

const N = 1_200;
let projectId = "";

beforeAll(async () => {
  process.env.TOOLTUNE_INLINE_HEALTH_LIMIT = String(N);
  projectId = (await call(projects.POST, "POST", { body: { name: "Cost before split" } })).json.id;
  const author = await resolveAuthor("Health tests");
  for (const t of customerSupport.tools.slice(0, 2)) await createTool(projectId, t, author);
  // Per twelve: 9 labelled and unassigned, 1 draft, 1 gold, 1 already in train.
  await insertExamples(projectId, N, (i) => ({
    ...routerExample(`where is order ORD-${String(i).padStart(5, "0")}?`, i % 4 === 0 ? { noTool: "no order given" } : { tool: "track_order", args: { order_id: "ORD-00001" } }),
    split: i % 12 === 10 ? "gold" : i % 12 === 11 ? "train" : "unassigned",
    reviewState: i % 12 === 9 ? "draft" : "labelled",
  }));
}, 120_000);

afterAll(() => disconnectDb());

const health = (split: string) => call(healthRoute.GET, "GET", { params: { projectId }, query: { split } });

describe("health and cost of all labelled examples, before a split", () => {
  it("measures every labelled example but gold and drafts, and prices it", async () => {
    const r = await health("labelled");
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.report.examples).toBe((N / 12) * 10);
    expect(r.json.report.chargedTokens).toBeGreaterThan(0);
    expect(r.json.costs.length).toBeGreaterThan(0);
    for (const c of r.json.costs) expect(c.usd, c.model).toBeGreaterThan(0);
  });

  it("counts only the split asked for otherwise", async () => {
    expect((await health("train")).json.report.examples).toBe(N / 12);
    expect((await health("all")).json.report.examples).toBe(N / 12);
  });

  it("refuses an unknown split, naming the field", async () => {
    const r = await health("gold");
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("split");
  });
});

// The projects page's summary column: the no_tool share as the gauge counts it, the newest run and
// the best finished eval of each project, read for all projects at once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import type { ProjectListItemDto } from "@/lib/schemas/project";
import { db, disconnectDb } from "@/lib/server/db";
import { projectSummaries } from "@/lib/server/projects/summary";
import { call } from "./helpers";
import { insertExamples } from "./bulk-examples";
import type { Message } from "@/lib/schemas/example";

afterAll(() => disconnectDb());

const user = (content: string): Message => ({ role: "user", content });
const track = (i: number): Message[] => [
  user(`where is ORD-${String(i).padStart(5, "0")}`),
  {
    role: "assistant",
    decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: `ORD-${String(i).padStart(5, "0")}` } }] },
    weight: 1,
  },
];
const decline = (i: number): Message[] => [
  user(`hello ${i}`),
  { role: "assistant", decision: { kind: "no_tool", reason: "a greeting" }, weight: 1 },
];

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));
const run = (projectId: string, status: string, minutes: number) =>
  db().run.create({
    data: {
      projectId,
      backend: "openai",
      baseModel: `model-${minutes}`,
      config: "{}",
      snapshot: "{}",
      trainFilePath: "",
      status,
      createdAt: at(minutes),
    },
  });
const evalOf = (projectId: string, name: string, status: string, exact: { n: number; d: number } | null) =>
  db().eval.create({
    data: {
      projectId,
      name,
      backend: "openai",
      model: `m-${name}`,
      status,
      config: "{}",
      total: exact?.d ?? 0,
      summary: exact
        ? JSON.stringify({ total: exact.d, exactMatch: { value: exact.d ? exact.n / exact.d : null, n: exact.n, d: exact.d } })
        : null,
    },
  });

let busy = "";
let idle = "";

beforeAll(async () => {
  // Another project whose best eval scored a whole 1 (0 and 1 are integers in JSON), read in the same query first.
  const perfect = (await call(projects.POST, "POST", { body: { name: "Summary perfect" } })).json.id;
  await evalOf(perfect, "perfect", "succeeded", { n: 10, d: 10 });
  busy = (await call(projects.POST, "POST", { body: { name: "Summary busy" } })).json.id;
  idle = (await call(projects.POST, "POST", { body: { name: "Summary idle" } })).json.id;
  // 1,200 labelled decisions, 150 of them no_tool (12.5%); 300 drafts that decline, which the gauge leaves out.
  await insertExamples(busy, 1_500, (i) =>
    i < 1_200 ? { messages: i % 8 === 0 ? decline(i) : track(i) } : { messages: decline(i), reviewState: "draft" },
  );
  await run(busy, "succeeded", 1);
  await run(busy, "failed", 30);
  await run(busy, "running", 20);
  await evalOf(busy, "good", "succeeded", { n: 8, d: 10 });
  await evalOf(busy, "fair", "succeeded", { n: 7, d: 10 });
  await evalOf(busy, "stopped early", "failed", { n: 9, d: 10 });
  await evalOf(busy, "in progress", "running", null);
  await evalOf(busy, "no gold", "succeeded", { n: 0, d: 0 });
});

describe("projects list summary", () => {
  it("counts no_tool as the gauge does, and shows the newest run and the best finished eval", async () => {
    const list = (await call(projects.GET, "GET")).json as ProjectListItemDto[];
    const row = list.find((p) => p.id === busy)!;
    expect(row.exampleCount).toBe(1_500);
    expect(row.summary.routingDecisions).toBe(1_200);
    expect(row.summary.noToolRatio).toBe(150 / 1_200);
    const gauge = (await call(statsRoute.GET, "GET", { params: { projectId: busy } })).json;
    expect(row.summary.noToolRatio).toBe(gauge.overall.ratio);
    expect(row.summary.lastRun).toMatchObject({
      status: "failed",
      baseModel: "model-30",
      createdAt: at(30).toISOString(),
      finishedAt: null,
    });
    // A failed eval's numbers and an eval without gold tool calls do not count.
    expect(row.summary.bestEval).toMatchObject({ name: "good", model: "m-good", exactMatch: 0.8, n: 8, d: 10 });
  });

  it("says nothing yet for a project without labels, runs or evals", async () => {
    const list = (await call(projects.GET, "GET")).json as ProjectListItemDto[];
    expect(list.find((p) => p.id === idle)!.summary).toEqual({ routingDecisions: 0, noToolRatio: null, lastRun: null, bestEval: null });
  });

  it("reads many projects in the same few queries as one", async () => {
    const many: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = (await call(projects.POST, "POST", { body: { name: `Summary many ${i}` } })).json.id;
      await run(id, "queued", i);
      await evalOf(id, `e${i}`, "succeeded", { n: i, d: 25 });
      many.push(id);
    }
    const raw = vi.spyOn(db(), "$queryRaw");
    const runs = vi.spyOn(db().run, "findMany");
    try {
      const summaries = await projectSummaries([busy, ...many]);
      expect(raw.mock.calls.length + runs.mock.calls.length).toBeLessThanOrEqual(4);
      expect(summaries.get(many[24])!.bestEval).toMatchObject({ name: "e24", n: 24, d: 25 });
      expect(summaries.get(many[3])!.lastRun).toMatchObject({ status: "queued", baseModel: "model-3" });
      expect(summaries.get(busy)!.lastRun!.baseModel).toBe("model-30");
    } finally {
      raw.mockRestore();
      runs.mockRestore();
    }
  });
});

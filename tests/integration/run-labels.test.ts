// A run's name, notes and tags through PATCH /runs/[runId], the runs list's tag filter, and the best
// eval of each run in the list, with the real route handlers and database.
import { beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as runRoute from "@/app/api/projects/[projectId]/runs/[runId]/route";
import { db } from "@/lib/server/db";
import type { RunDto } from "@/lib/schemas/runs";
import { call } from "./helpers";

const config = JSON.stringify({ backend: "openai", baseModel: "gpt-4o-mini-2024-07-18", hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: "auto" }, suffix: "support", seed: null, outputStyle: "router_json", catalogueVersion: 1 });
const evalConfig = JSON.stringify({ style: "router_json", parallelToolCalls: false, system: "", tools: [], catalogueVersion: 1, split: "gold", concurrency: 1, maxTokens: 256, pricing: null });

const rate = (n: number, d: number) => ({ n, d, value: d ? n / d : null });
/** A finished eval of `runId` with the given exact match and false-tool-call counts. */
async function evalOf(projectId: string, runId: string, name: string, exact: [number, number], falseCalls: [number, number], opts: { status?: string; model?: string; createdAt?: Date } = {}) {
  const summary = { total: exact[1], exactMatch: rate(...exact), falseToolCallRate: rate(...falseCalls) };
  const ev = await db().eval.create({
    data: { projectId, runId, name, backend: "openai", model: opts.model ?? "ft:model", status: opts.status ?? "succeeded", config: evalConfig, total: exact[1], done: exact[1], summary: JSON.stringify(summary), ...(opts.createdAt ? { createdAt: opts.createdAt } : {}) },
  });
  return ev.id;
}

const newRun = async (projectId: string) => (await db().run.create({ data: { projectId, backend: "openai", baseModel: "gpt-4o-mini-2024-07-18", config, snapshot: "{}", trainFilePath: "", status: "succeeded", fineTunedModel: "ft:model" } })).id;
const patch = (projectId: string, runId: string, body: unknown, opts: { role?: "viewer" | "editor" | "owner"; author?: string } = {}) =>
  call(runRoute.PATCH, "PATCH", { params: { projectId, runId }, body, role: opts.role, author: opts.author });
const list = async (projectId: string, query?: Record<string, string>) => {
  const r = await call(runsRoute.GET, "GET", { params: { projectId }, query });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as RunDto[];
};

let pid: string;
beforeAll(async () => {
  pid = (await call(projects.POST, "POST", { body: { name: `Run labels ${Math.random().toString(36).slice(2, 8)}` } })).json.id;
});

describe("naming, noting and tagging a run", () => {
  it("saves a name, notes and normalised tags, shows them on the run and in the list, and audits the change", async () => {
    const runId = await newRun(pid);
    const since = new Date();
    const r = await patch(pid, runId, { name: "  Baseline, 2 epochs ", notes: "First try.\nValid loss flat after step 40.", tags: ["Baseline", "LoRA r16", "baseline", " "] }, { role: "editor", author: "Run Namer" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ id: runId, name: "Baseline, 2 epochs", notes: "First try.\nValid loss flat after step 40.", tags: ["baseline", "lora-r16"] });
    expect((await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json).toMatchObject({ name: "Baseline, 2 epochs", tags: ["baseline", "lora-r16"] });
    expect((await list(pid)).find((x) => x.id === runId)).toMatchObject({ name: "Baseline, 2 epochs", tags: ["baseline", "lora-r16"] });

    const events = await db().auditEvent.findMany({ where: { at: { gte: since }, targetId: runId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "runs.write", outcome: "ok", targetType: "run", targetLabel: "Baseline, 2 epochs", projectId: pid });
    const detail = JSON.parse(events[0].detail!);
    expect(detail).toMatchObject({ status: 200, changed: ["name", "notes", "tags"], tags: { from: [], to: ["baseline", "lora-r16"] } });
    expect(detail.notes).toBeUndefined(); // notes can be long: the event says only that they changed
  });

  it("changes only the fields given, and clears a name or notes with an empty value", async () => {
    const runId = await newRun(pid);
    await patch(pid, runId, { name: "Keep me", notes: "keep these", tags: ["a"] });
    expect((await patch(pid, runId, { tags: ["b"] })).json).toMatchObject({ name: "Keep me", notes: "keep these", tags: ["b"] });
    expect((await patch(pid, runId, { name: "", notes: "  " })).json).toMatchObject({ name: null, notes: null, tags: ["b"] });
    expect((await patch(pid, runId, { tags: [] })).json.tags).toEqual([]);
  });

  it.each([
    ["a name over 120 characters", { name: "x".repeat(121) }, "name", "name is at most 120 characters"],
    ["notes over 10,000 characters", { notes: "x".repeat(10_001) }, "notes", "notes are at most 10,000 characters"],
    ["more than 20 tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags", "tags: at most 20 tags"],
    ["a tag with a quote", { tags: ['say "hi"'] }, "tags.0", "tags: a tag may use letters, digits and . _ : + / -"],
    ["a field that is not editable", { status: "succeeded" }, "", "status"],
    ["an empty change", {}, "name", "give a name, notes or tags to change"],
  ])("refuses %s with a 422 naming the field, and changes nothing", async (_what, body, path, message) => {
    const runId = await newRun(pid);
    await patch(pid, runId, { name: "Before", tags: ["before"] });
    const r = await patch(pid, runId, body);
    expect(r.status).toBe(422);
    const issue = (r.json.error.issues as { path: string; message: string }[]).find((i) => i.path === path);
    expect(issue, JSON.stringify(r.json)).toBeDefined();
    expect(issue!.message).toContain(message);
    expect(await db().run.findUniqueOrThrow({ where: { id: runId }, select: { name: true, tags: true, status: true } })).toEqual({ name: "Before", tags: '["before"]', status: "succeeded" });
  });

  it("refuses a viewer (403), and answers 404 for a run of another project", async () => {
    const runId = await newRun(pid);
    const r = await patch(pid, runId, { name: "Viewer's name" }, { role: "viewer", author: "Run Viewer" });
    expect(r.status).toBe(403);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).name).toBeNull();
    const other = (await call(projects.POST, "POST", { body: { name: `Run labels other ${Math.random().toString(36).slice(2, 8)}` } })).json.id;
    expect((await patch(other, runId, { name: "x" })).status).toBe(404);
  });
});

describe("the runs list", () => {
  it("filters by a tag, matching whole tags only", async () => {
    const project = (await call(projects.POST, "POST", { body: { name: `Run tags ${Math.random().toString(36).slice(2, 8)}` } })).json.id;
    const [a, b, c] = [await newRun(project), await newRun(project), await newRun(project)];
    await patch(project, a, { tags: ["baseline", "lora_r8"] });
    await patch(project, b, { tags: ["baseline-v2"] });
    await patch(project, c, { tags: ["lora-r8"] });
    expect((await list(project, { tag: "baseline" })).map((r) => r.id)).toEqual([a]);
    expect((await list(project, { tag: "LoRA_r8" })).map((r) => r.id)).toEqual([a]); // lowercased; "_" is not a wildcard
    expect((await list(project, { tag: "nothing" }))).toEqual([]);
    expect((await list(project)).length).toBe(3);
  });

  it("shows each run's best finished eval by exact match, ties broken by the lower false-tool-call rate", async () => {
    const project = (await call(projects.POST, "POST", { body: { name: `Run evals ${Math.random().toString(36).slice(2, 8)}` } })).json.id;
    const [one, two, none] = [await newRun(project), await newRun(project), await newRun(project)];
    await evalOf(project, one, "final on gold", [70, 100], [2, 20]);
    const best = await evalOf(project, one, "checkpoint 2 on gold", [81, 100], [1, 20], { model: "ft:model:ckpt-step-20" });
    await evalOf(project, one, "still running", [99, 100], [0, 20], { status: "running" });
    await evalOf(project, two, "more false calls", [9, 10], [3, 5]);
    const tieWinner = await evalOf(project, two, "fewer false calls", [9, 10], [1, 5]);
    await evalOf(project, none, "failed", [10, 10], [0, 5], { status: "failed" });

    const byId = new Map((await list(project)).map((r) => [r.id, r]));
    expect(byId.get(one)!.bestEval).toMatchObject({ id: best, name: "checkpoint 2 on gold", model: "ft:model:ckpt-step-20", exactMatch: { n: 81, d: 100, value: 0.81 }, falseToolCallRate: 0.05, evals: 2 });
    expect(byId.get(two)!.bestEval).toMatchObject({ id: tieWinner, exactMatch: { n: 9, d: 10 }, falseToolCallRate: 0.2 });
    expect(byId.get(none)!.bestEval).toBeNull();
  });
});

// A project's eval-report settings through the API: pin and unpin a baseline eval, set and replace
// thresholds, bad input named by field, another project's eval refused, and a deleted baseline let go.
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as settingsRoute from "@/app/api/projects/[projectId]/eval-settings/route";
import * as shareRoute from "@/app/api/projects/[projectId]/shares/route";
import * as pubSettings from "@/app/api/share/[token]/projects/[projectId]/eval-settings/route";
import { db, disconnectDb } from "@/lib/server/db";
import { call } from "./helpers";

afterAll(() => disconnectDb());

const config = JSON.stringify({ style: "router_json", parallelToolCalls: false, system: "", tools: [], catalogueVersion: 0, split: "gold", concurrency: 1, maxTokens: 64, pricing: null });

let seq = 0;
async function projectWithEvals(): Promise<{ pid: string; evals: string[] }> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Eval settings ${++seq} ${Date.now()}` } })).json.id as string;
  const evals: string[] = [];
  for (const name of ["base model", "fine-tune"])
    evals.push((await db().eval.create({ data: { projectId: pid, name, backend: "openai", model: `m-${name}`, status: "succeeded", config, total: 0 } })).id);
  return { pid, evals };
}

const get = (pid: string) => call(settingsRoute.GET, "GET", { params: { projectId: pid } });
const patch = (pid: string, body: unknown, opts: { role?: "viewer" | "editor" | "owner" } = {}) =>
  call(settingsRoute.PATCH, "PATCH", { params: { projectId: pid }, body, role: opts.role });

describe("eval report settings API", () => {
  it("starts empty, then pins a baseline and sets thresholds that read back", async () => {
    const { pid, evals } = await projectWithEvals();
    expect((await get(pid)).json).toEqual({ baselineEvalId: null, baseline: null, thresholds: [], updatedBy: null, updatedAt: null });

    const thresholds = [
      { metric: "falseToolCallRate", op: "max", percent: 5 },
      { metric: "validRate", op: "min", percent: 92.5 },
    ];
    const saved = await patch(pid, { baselineEvalId: evals[0], thresholds }, { role: "editor" });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ baselineEvalId: evals[0], baseline: { id: evals[0], name: "base model", model: "m-base model" }, thresholds, updatedBy: "Test Author" });

    const read = await get(pid);
    expect(read.json.thresholds).toEqual(thresholds);
    expect(read.json.baselineEvalId).toBe(evals[0]);
  });

  it("changes only what the patch names, and unpins with null", async () => {
    const { pid, evals } = await projectWithEvals();
    await patch(pid, { baselineEvalId: evals[0], thresholds: [{ metric: "exactMatch", op: "min", percent: 80 }] });
    const moved = await patch(pid, { baselineEvalId: evals[1] });
    expect(moved.json.baselineEvalId).toBe(evals[1]);
    expect(moved.json.thresholds).toEqual([{ metric: "exactMatch", op: "min", percent: 80 }]);

    const cleared = await patch(pid, { thresholds: [] });
    expect(cleared.json).toMatchObject({ baselineEvalId: evals[1], thresholds: [] });

    const unpinned = await patch(pid, { baselineEvalId: null });
    expect(unpinned.json).toMatchObject({ baselineEvalId: null, baseline: null });
  });

  it("rejects bad input with a 422 that names the field", async () => {
    const { pid } = await projectWithEvals();
    const over = await patch(pid, { thresholds: [{ metric: "falseToolCallRate", op: "max", percent: 150 }] });
    expect(over.status).toBe(422);
    expect(over.json.error).toMatchObject({ field: "thresholds.0.percent", message: "thresholds.0.percent: the percentage is above 100" });

    const metric = await patch(pid, { thresholds: [{ metric: "latency", op: "max", percent: 5 }] });
    expect(metric.status).toBe(422);
    expect(metric.json.error.field).toBe("thresholds.0.metric");
    expect(metric.json.error.message).toContain("falseToolCallRate");

    const op = await patch(pid, { thresholds: [{ metric: "validRate", op: "under", percent: 5 }] });
    expect(op.json.error).toMatchObject({ field: "thresholds.0.op" });

    const text = await patch(pid, { thresholds: [{ metric: "validRate", op: "min", percent: "90" }] });
    expect(text.json.error).toMatchObject({ field: "thresholds.0.percent", message: "thresholds.0.percent: enter a percentage between 0 and 100" });

    const unknownField = await patch(pid, { baseline: "x" });
    expect(unknownField.status).toBe(422);

    expect((await get(pid)).json.thresholds).toEqual([]);
  });

  it("refuses another project's eval as the baseline, and a viewer's change", async () => {
    const mine = await projectWithEvals();
    const theirs = await projectWithEvals();
    const wrong = await patch(mine.pid, { baselineEvalId: theirs.evals[0] });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ field: "baselineEvalId" });
    expect(wrong.json.error.message).toContain(theirs.evals[0]);

    const viewer = await patch(mine.pid, { thresholds: [{ metric: "validRate", op: "min", percent: 1 }] }, { role: "viewer" });
    expect(viewer.status).toBe(403);
    expect((await get(mine.pid)).json.thresholds).toEqual([]);
  });

  it("lets go of a baseline eval that is deleted, keeping the thresholds", async () => {
    const { pid, evals } = await projectWithEvals();
    await patch(pid, { baselineEvalId: evals[0], thresholds: [{ metric: "validRate", op: "min", percent: 90 }] });
    await db().eval.delete({ where: { id: evals[0] } });
    expect((await get(pid)).json).toMatchObject({ baselineEvalId: null, baseline: null, thresholds: [{ metric: "validRate", op: "min", percent: 90 }] });
  });

  it("shows a shared eval report its thresholds, never the baseline, and nothing to a link of another project", async () => {
    const { pid, evals } = await projectWithEvals();
    const other = await projectWithEvals();
    await patch(pid, { baselineEvalId: evals[0], thresholds: [{ metric: "falseToolCallRate", op: "max", percent: 5 }] });
    const tokenOf = async (projectId: string, evalId: string) => {
      const made = await call(shareRoute.POST, "POST", { params: { projectId }, body: { kind: "eval", targets: [evalId] } });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      return decodeURIComponent(new URL(made.json.url).pathname.split("/").pop()!);
    };
    const token = await tokenOf(pid, evals[1]);
    const seen = await call(pubSettings.GET, "GET", { params: { token, projectId: pid }, author: null });
    expect(seen.status).toBe(200);
    expect(seen.json).toMatchObject({ baselineEvalId: null, baseline: null, updatedBy: null, thresholds: [{ metric: "falseToolCallRate", op: "max", percent: 5 }] });

    const foreign = await tokenOf(other.pid, other.evals[0]);
    expect((await call(pubSettings.GET, "GET", { params: { token: foreign, projectId: pid }, author: null })).status).toBe(404);
    expect((await call(pubSettings.GET, "GET", { params: { token: "not-a-token", projectId: pid }, author: null })).status).toBe(404);
  });

  it("answers 404 for a project that does not exist", async () => {
    expect((await get("no-such-project")).status).toBe(404);
    expect((await patch("no-such-project", { thresholds: [] })).status).toBe(404);
  });
});

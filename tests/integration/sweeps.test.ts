// Sweeps through the API, on the local OpenAI test server with a real worker: a 2×2 grid starts four
// runs with their cells' settings and labels, all or none (a bad value, a grid too large or one cell
// the backend refuses stores nothing), and "evaluate all on gold" evaluates each finished model once.
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as sweepsRoute from "@/app/api/projects/[projectId]/sweeps/route";
import * as sweepRoute from "@/app/api/projects/[projectId]/sweeps/[sweepId]/route";
import * as evaluateRoute from "@/app/api/projects/[projectId]/sweeps/[sweepId]/evaluate/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import type { SweepDetailDto } from "@/lib/schemas/sweeps";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, openAIServerForFile, terminal, waitFor, withWorker } from "./helpers";

openAIServerForFile({ TOOLTUNE_POLL_MIN_MS: "100", TOOLTUNE_POLL_MAX_MS: "400", TOOLTUNE_WORKER_LOCK_MS: "1500", TOOLTUNE_RECONCILE_MS: "1000" });

async function projectWithData(): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Sweeps ${Date.now()}` } })).json.id;
  const author = await resolveAuthor("Sweep tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const [i, e] of customerSupport.examples.slice(0, 54).entries()) {
    await createExample(pid, { messages: e.messages, split: i < 40 ? "train" : i < 48 ? "validation" : "gold" }, author);
  }
  return pid;
}

const base = { backend: "openai", baseModel: "gpt-4o-mini-2024-07-18", hyperparameters: { n_epochs: 1, batch_size: "auto", learning_rate_multiplier: "auto" } };
const stored = async (pid: string) => ({ sweeps: await db().sweep.count({ where: { projectId: pid } }), runs: await db().run.count({ where: { projectId: pid } }) });

describe("sweeps", () => {
  it("refuses a grid with a bad value, too many cells, or a cell the backend refuses, and stores nothing", async () => {
    const pid = await projectWithData();
    const post = (body: unknown) => call(sweepsRoute.POST, "POST", { params: { projectId: pid }, body });
    const bad = await post({ name: "bad", base, axes: [{ key: "hyperparameters.n_epochs", values: [1, "two"] }] });
    expect([bad.status, bad.json.error.message]).toEqual([422, 'axes.0: epochs takes whole numbers; got "two"']);
    const big = await post({ name: "big", base, axes: [{ key: "hyperparameters.n_epochs", values: [1, 2, 3] }, { key: "hyperparameters.batch_size", values: [1, 2, 4] }, { key: "hyperparameters.learning_rate_multiplier", values: [0.5, 1, 2] }] });
    expect(big.status).toBe(422);
    expect(JSON.stringify(big.json)).toContain("the grid makes 27 runs; at most 24");
    const lora = await post({ name: "lora on openai", base, axes: [{ key: "hyperparameters.n_epochs", values: [1, 2] }, { key: "lora.r", values: [8] }] });
    expect([lora.status, lora.json.error.message]).toEqual([422, "run 1 of 2 (epochs 1 · r 8): LoRA settings apply to gpu, together and fireworks runs only"]);
    expect(await stored(pid)).toEqual({ sweeps: 0, runs: 0 });
  });

  it("starts a 2×2 grid as four labelled runs, follows them to the end, and evaluates each finished model once", async () => {
    const pid = await projectWithData();
    const created = await call(sweepsRoute.POST, "POST", {
      params: { projectId: pid },
      body: { name: "epochs × lr", base, axes: [{ key: "hyperparameters.n_epochs", values: [1, 2] }, { key: "hyperparameters.learning_rate_multiplier", values: [0.5, 2] }] },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const detail = created.json as SweepDetailDto;
    expect(detail.sweep).toMatchObject({ name: "epochs × lr", runCount: 4 });
    expect(detail.cells.map((c) => c.label)).toEqual(["epochs 1 · lr × 0.5", "epochs 1 · lr × 2", "epochs 2 · lr × 0.5", "epochs 2 · lr × 2"]);
    expect(detail.cells.map((c) => [c.run.config.hyperparameters.n_epochs, c.run.config.hyperparameters.learning_rate_multiplier])).toEqual([[1, 0.5], [1, 2], [2, 0.5], [2, 2]]);
    expect(detail.cells.every((c) => c.run.sweep?.id === detail.sweep.id && c.eval === null)).toBe(true);
    const id = detail.sweep.id;
    await withWorker(async () => {
      for (const c of detail.cells) expect((await waitFor("a sweep run to end", terminal(c.run.id), 60_000)).status).toBe("succeeded");
      const first = await call(evaluateRoute.POST, "POST", { params: { projectId: pid, sweepId: id } });
      expect([first.status, first.json]).toEqual([202, { started: 4, waiting: 0 }]);
      const again = await call(evaluateRoute.POST, "POST", { params: { projectId: pid, sweepId: id } });
      expect([again.status, again.json.error.message]).toEqual([409, "every finished run of this sweep has an eval already"]);
      const done = await waitFor("the four evals to finish", async () => {
        const d = (await call(sweepRoute.GET, "GET", { params: { projectId: pid, sweepId: id } })).json as SweepDetailDto;
        return d.cells.every((c) => c.eval?.status === "succeeded") ? d : null;
      }, 60_000);
      expect(done.cells.every((c) => c.eval!.summary!.total === 6 && c.run.fineTunedModel !== null)).toBe(true);
      expect(new Set(done.cells.map((c) => c.eval!.id)).size).toBe(4);
    });
    const listed = (await call(sweepsRoute.GET, "GET", { params: { projectId: pid } })).json;
    expect(listed.map((s: { id: string; runCount: number }) => [s.id, s.runCount])).toEqual([[id, 4]]);
  });
});

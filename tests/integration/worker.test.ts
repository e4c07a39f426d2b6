// The worker against real Redis: a catalogue change too big for the request is re-validated by a
// separately started worker process, which also shuts down cleanly and refuses to start without Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as tool from "@/app/api/projects/[projectId]/tools/[toolId]/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import { disconnectDb } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import { call, orderSchema, routerExample, startWorker, waitFor as waitForTruthy } from "./helpers";

const waitFor = <T>(what: string, fn: () => Promise<T | null | undefined | false>) => waitForTruthy(what, fn, 20_000, 100);

let limit: string | undefined;
beforeAll(() => {
  limit = process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT;
  process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = "2";
});
afterAll(async () => {
  process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = limit;
  await closeQueue();
  await disconnectDb();
});

describe("worker", () => {
  it("re-validates a large project in the background after a schema change", async () => {
    const projectId = (await call(projects.POST, "POST", { body: { name: "Worker tests" } })).json.id;
    const toolId = (await call(tools.POST, "POST", { params: { projectId }, body: { name: "track_order", description: "", parameters: orderSchema } })).json.tool.id;
    for (const n of [11111, 22222, 33333]) {
      await call(examples.POST, "POST", { params: { projectId }, body: routerExample(`where is ORD-${n}`, { tool: "track_order", args: { order_id: `ORD-${n}` } }) });
    }
    const w = startWorker();
    try {
      await waitFor("worker ready", async () => w.output().includes("[worker] ready"));
      const broken = { ...orderSchema, properties: { ...orderSchema.properties, order_id: { type: "integer" } } };
      const r = await call(tool.PATCH, "PATCH", { params: { projectId, toolId }, body: { parameters: broken } });
      expect(r.status).toBe(200);
      expect(r.json.revalidation.mode).toBe("queued");

      const done = await waitFor("re-validation to finish", async () => {
        const p = (await call(project.GET, "GET", { params: { projectId } })).json;
        return p.revalidatingVersion === null ? p : null;
      });
      expect(done.catalogueVersion).toBe(2);
      const flagged = (await call(examples.GET, "GET", { params: { projectId }, query: { invalid: "true" } })).json;
      expect(flagged.total).toBe(3);
    } finally {
      w.child.kill("SIGTERM");
    }
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain("SIGTERM: finishing running jobs");
  });

  it("exits at once with a message naming what to start when Redis is unreachable", async () => {
    const w = startWorker({ ...process.env, REDIS_URL: "redis://127.0.0.1:6399" });
    expect(await w.exited).toBe(1);
    expect(w.output()).toContain("cannot reach Redis at redis://127.0.0.1:6399");
    expect(w.output()).toContain("redis-server");
  });

  it("re-validates inside the request when Redis is unreachable, so flags never go stale", async () => {
    const projectId = (await call(projects.POST, "POST", { body: { name: "No Redis" } })).json.id;
    const toolId = (await call(tools.POST, "POST", { params: { projectId }, body: { name: "track_order", description: "", parameters: orderSchema } })).json.tool.id;
    for (const n of [44444, 55555, 66666]) {
      await call(examples.POST, "POST", { params: { projectId }, body: routerExample(`status ORD-${n}`, { tool: "track_order", args: { order_id: `ORD-${n}` } }) });
    }
    await closeQueue();
    const url = process.env.REDIS_URL;
    process.env.REDIS_URL = "redis://127.0.0.1:6399";
    try {
      const r = await call(tool.PATCH, "PATCH", { params: { projectId, toolId }, body: { archived: true } });
      expect(r.status).toBe(200);
      expect(r.json.revalidation).toMatchObject({ mode: "inline", checked: 3, invalid: 3 });
      expect((await call(project.GET, "GET", { params: { projectId } })).json.revalidatingVersion).toBeNull();
    } finally {
      await closeQueue();
      process.env.REDIS_URL = url;
    }
  });
});

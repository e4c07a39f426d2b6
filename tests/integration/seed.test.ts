import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as stats from "@/app/api/projects/[projectId]/stats/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import { disconnectDb } from "@/lib/server/db";
import { seed } from "@/prisma/seed";
import { call } from "./helpers";

afterAll(() => disconnectDb());

describe("demo seed", () => {
  it("creates both demo projects with enough valid examples inside the no_tool band", async () => {
    expect(await seed({ force: true })).toBe(2);
    const list = (await call(projects.GET, "GET")).json as { id: string; name: string; exampleCount: number }[];
    for (const [name, toolNames] of [
      ["Customer support router", ["track_order", "request_refund", "escalate"]],
      ["Task manager assistant", ["create_task", "list_tasks", "complete_task"]],
    ] as const) {
      const p = list.filter((x) => x.name === name).at(-1)!;
      expect(p, name).toBeDefined();
      expect(p.exampleCount).toBeGreaterThanOrEqual(60);
      const s = (await call(stats.GET, "GET", { params: { projectId: p.id } })).json;
      expect(s.totals.invalid, `${name}: invalid examples`).toBe(0);
      expect(s.overall.band, `${name}: ${s.overall.advice}`).toBe("within");
      const names = (await call(tools.GET, "GET", { params: { projectId: p.id } })).json.map((t: { name: string }) => t.name);
      expect(names).toEqual(expect.arrayContaining([...toolNames]));
    }
  });

  it("does nothing on an install that already has projects", async () => {
    expect(await seed()).toBe(0);
  });
});

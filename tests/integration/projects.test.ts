import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[projectId]/route";
import { disconnectDb } from "@/lib/server/db";
import { call } from "./helpers";

afterAll(() => disconnectDb());

describe("projects API", () => {
  it("creates, renames, lists and deletes a project", async () => {
    const created = await call(projects.POST, "POST", { body: { name: "Support bot" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Support bot", outputStyle: "router_json", catalogueVersion: 0, exampleCount: 0 });
    const id = created.json.id;

    const renamed = await call(project.PATCH, "PATCH", { params: { projectId: id }, body: { name: "Support router", outputStyle: "native_tools" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: "Support router", outputStyle: "native_tools" });

    const list = await call(projects.GET, "GET");
    expect(list.json.map((p: { id: string }) => p.id)).toContain(id);

    expect((await call(project.DELETE, "DELETE", { params: { projectId: id } })).status).toBe(204);
    const gone = await call(project.GET, "GET", { params: { projectId: id } });
    expect(gone.status).toBe(404);
    expect(gone.json.error.message).toContain(id);
  });

  it("changes only the fields a PATCH names", async () => {
    const id = (await call(projects.POST, "POST", { body: { name: "Partial", description: "keep me", outputStyle: "native_tools" } })).json.id;
    const r = await call(project.PATCH, "PATCH", { params: { projectId: id }, body: { parallelToolCalls: true } });
    expect(r.json).toMatchObject({ name: "Partial", description: "keep me", outputStyle: "native_tools", parallelToolCalls: true });
  });

  it("rejects an empty or oversize name with 422 naming the field, and stores nothing", async () => {
    const before = (await call(projects.GET, "GET")).json.length;
    const empty = await call(projects.POST, "POST", { body: { name: "   " } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.field).toBe("name");
    const long = await call(projects.POST, "POST", { body: { name: "x".repeat(500) } });
    expect(long.status).toBe(422);
    expect(long.json.error.message).toMatch(/name: name is longer than 120 characters/);
    const style = await call(projects.POST, "POST", { body: { name: "ok", outputStyle: "xml" } });
    expect(style.status).toBe(422);
    expect(style.json.error.field).toBe("outputStyle");
    expect((await call(projects.GET, "GET")).json.length).toBe(before);
  });

  it("rejects writes from someone not signed in, and bodies that are not JSON", async () => {
    const anonymous = await call(projects.POST, "POST", { body: { name: "x" }, author: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("unauthenticated");
    const bad = await call(projects.POST, "POST", { rawBody: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_json");
  });

  it("answers 404 for unknown project ids on every verb", async () => {
    for (const [h, m] of [[project.GET, "GET"], [project.PATCH, "PATCH"], [project.DELETE, "DELETE"]] as const) {
      const r = await call(h, m, { params: { projectId: "nope" }, body: m === "PATCH" ? { name: "y" } : undefined });
      expect(r.status, `${m} /api/projects/nope`).toBe(404);
    }
  });
});

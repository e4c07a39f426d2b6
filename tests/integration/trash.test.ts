// Deleting a project: live training and evals are asked to stop first (they bill), the dialog's
// summary names everything that goes, the project waits 30 days in the trash and can be restored,
// and purging removes its rows and its files on disk.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as deletion from "@/app/api/projects/[projectId]/deletion/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as trash from "@/app/api/trash/route";
import * as trashOne from "@/app/api/trash/[projectId]/route";
import * as restore from "@/app/api/trash/[projectId]/restore/route";
import { db } from "@/lib/server/db";
import { uploadsDir } from "@/lib/server/imports/storage";
import { runDir } from "@/lib/server/runs/snapshot";
import { emptyTrash } from "@/lib/server/projects/trash";
import { call, routerExample } from "./helpers";

async function busyProject(name: string) {
  const pid = (await call(projects.POST, "POST", { body: { name } })).json.id as string;
  for (const r of ["hi", "hello", "hey"]) await call(examplesRoute.POST, "POST", { params: { projectId: pid }, body: routerExample(r, { noTool: "greeting" }) });
  const upload = path.join(uploadsDir(), `trash-test-${pid}.jsonl`);
  writeFileSync(upload, '{"messages":[]}\n');
  await db().importJob.create({ data: { projectId: pid, fileName: "a.jsonl", filePath: upload, fileBytes: 16, format: "openai", status: "done" } });
  const run = await db().run.create({ data: { projectId: pid, backend: "openai", baseModel: "gpt-4.1-mini", config: "{}", snapshot: "{}", trainFilePath: "", status: "running", remoteJobId: "ftjob-live" } });
  mkdirSync(runDir(run.id), { recursive: true });
  writeFileSync(path.join(runDir(run.id), "train.jsonl"), "{}\n");
  const ev = await db().eval.create({ data: { projectId: pid, name: "e", backend: "openai", model: "m", config: "{}", total: 3, status: "queued" } });
  return { pid, upload, run, ev };
}

describe("deleting a project", () => {
  it("lists everything that goes, stops live work, hides the project, and restores it as it was", async () => {
    const { pid, upload, run, ev } = await busyProject(`Trash me ${Date.now()}`);
    const summary = (await call(deletion.GET, "GET", { params: { projectId: pid } })).json;
    expect(summary).toMatchObject({ examples: 3, imports: 1, runs: 1, liveRuns: 1, evals: 1, liveEvals: 1, trashDays: 30 });
    expect(summary.diskBytes).toBeGreaterThanOrEqual(16 + 3);

    expect((await call(project.DELETE, "DELETE", { params: { projectId: pid } })).status).toBe(204);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).cancelRequested).toBe(true);
    expect((await db().eval.findUniqueOrThrow({ where: { id: ev.id } })).status).toBe("cancelled");
    expect((await call(project.GET, "GET", { params: { projectId: pid } })).status).toBe(404);
    expect((await call(examplesRoute.GET, "GET", { params: { projectId: pid } })).status).toBe(404);
    expect((await call(projects.GET, "GET")).json.map((p: { id: string }) => p.id)).not.toContain(pid);
    expect(existsSync(upload), "files stay while the project can be restored").toBe(true);

    const listed = (await call(trash.GET, "GET")).json.find((p: { id: string }) => p.id === pid);
    expect(listed).toMatchObject({ examples: 3, runs: 1, evals: 1 });
    expect(Date.parse(listed.purgeAt) - Date.parse(listed.deletedAt)).toBe(30 * 24 * 3600 * 1000);

    expect((await call(restore.POST, "POST", { params: { projectId: pid }, body: {} })).status).toBe(204);
    expect((await call(project.GET, "GET", { params: { projectId: pid } })).json).toMatchObject({ exampleCount: 3 });
    expect((await call(restore.POST, "POST", { params: { projectId: pid }, body: {} })).status).toBe(404);
  });

  it("purges one project with its rows and files, and only trashed ones", async () => {
    const { pid, upload, run } = await busyProject(`Purge me ${Date.now()}`);
    expect((await call(trashOne.DELETE, "DELETE", { params: { projectId: pid } })).status).toBe(404);
    await call(project.DELETE, "DELETE", { params: { projectId: pid } });
    expect((await call(trashOne.DELETE, "DELETE", { params: { projectId: pid } })).status).toBe(204);
    expect(await db().project.count({ where: { id: pid } })).toBe(0);
    expect(await db().example.count({ where: { projectId: pid } })).toBe(0);
    expect(existsSync(upload)).toBe(false);
    expect(existsSync(runDir(run.id))).toBe(false);
  });

  it("removes projects after 30 days in the trash, not before, and empties it on request", async () => {
    const a = await busyProject(`Old ${Date.now()}`);
    const b = await busyProject(`New ${Date.now()}`);
    await call(project.DELETE, "DELETE", { params: { projectId: a.pid } });
    await call(project.DELETE, "DELETE", { params: { projectId: b.pid } });
    await db().project.update({ where: { id: a.pid }, data: { deletedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } });
    expect(await emptyTrash({ expiredOnly: true })).toBe(1);
    expect(await db().project.count({ where: { id: { in: [a.pid, b.pid] } } })).toBe(1);
    const emptied = await call(trash.DELETE, "DELETE");
    expect(emptied.json.purged).toBeGreaterThanOrEqual(1);
    expect(await db().project.count({ where: { id: b.pid } })).toBe(0);
    expect((await call(trash.GET, "GET")).json).toEqual([]);
  });
});

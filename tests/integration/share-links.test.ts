// Share links end to end through the route handlers: an editor makes a link to one eval report,
// anyone without a session reads that report through /api/share/TOKEN/…, and nothing else: not
// another eval or run of the project, not another project's, not any member route. Revoked,
// expired and unknown links are 404. The public answers carry no endpoint key, no endpoint URL, no
// credentials and nothing of other evals.
import { beforeAll, describe, expect, it } from "vitest";
import * as share from "@/app/api/projects/[projectId]/shares/route";
import * as shareOne from "@/app/api/projects/[projectId]/shares/[shareId]/route";
import * as pub from "@/app/api/share/[token]/route";
import * as pubEval from "@/app/api/share/[token]/projects/[projectId]/evals/[evalId]/route";
import * as pubResults from "@/app/api/share/[token]/projects/[projectId]/evals/[evalId]/results/route";
import * as pubCompare from "@/app/api/share/[token]/projects/[projectId]/evals/compare/route";
import * as pubRun from "@/app/api/share/[token]/projects/[projectId]/runs/[runId]/route";
import * as evalRoute from "@/app/api/projects/[projectId]/evals/[evalId]/route";
import * as projects from "@/app/api/projects/route";
import * as endpoints from "@/app/api/endpoints/route";
import { db } from "@/lib/server/db";
import { hashShareToken } from "@/lib/server/share/links";
import { call } from "./helpers";

const KEY = "sk-share-test-SECRET-1234567890";
const BASE_URL = "http://gpu-box.share-test.internal:8000/v1";

type Handler = Parameters<typeof call>[0];
/** A request with no cookie at all, as a fresh browser sends it. */
async function anon(handler: Handler, params: Record<string, string>, query?: Record<string, string>) {
  const r = await call(handler, "GET", { author: null, params, query });
  return r;
}
const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);

async function makeEval(projectId: string, name: string, endpointId: string | null, request: string) {
  const config = { style: "router_json", parallelToolCalls: false, system: "", tools: [{ name: "get_order", description: "", parameters: {} }], catalogueVersion: 1, split: "gold", concurrency: 1, maxTokens: 256, pricing: null };
  const ev = await db().eval.create({
    data: { projectId, name, backend: endpointId ? "endpoint" : "openai", endpointId, model: "tiny-model", status: "failed", config: JSON.stringify(config), total: 1, done: 1, error: `request to https://admin:hunter2@gpu-box.share-test.internal/v1 failed` },
  });
  await db().evalResult.create({
    data: { evalId: ev.id, exampleId: `ex-${ev.id}`, exampleNumber: 1, position: 0, request, messages: "[]", gold: JSON.stringify({ tool: "get_order", args: {} }), goldLabel: "get_order", status: "done" },
  });
  return ev.id;
}

let pid: string;
let otherPid: string;
let evalId: string;
let otherEvalId: string;
let foreignEvalId: string;
let runId: string;

beforeAll(async () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  pid = (await call(projects.POST, "POST", { body: { name: `Share ${suffix}` } })).json.id;
  otherPid = (await call(projects.POST, "POST", { body: { name: `Share other ${suffix}` } })).json.id;
  const ep = await call(endpoints.POST, "POST", { body: { name: `share-ep-${suffix}`, baseUrl: BASE_URL, apiKey: KEY, defaultModel: "tiny-model" } });
  expect(ep.status, JSON.stringify(ep.json)).toBe(201);
  evalId = await makeEval(pid, "Shared eval", ep.json.id, "Where is ORD-1?");
  otherEvalId = await makeEval(pid, "Not shared", null, "UNSHARED request of the same project");
  foreignEvalId = await makeEval(otherPid, "Other project", null, "OTHER PROJECT request");
  runId = (await db().run.create({ data: { projectId: pid, backend: "gpu", baseModel: "tiny", config: "{}", snapshot: "{}", trainFilePath: "", status: "running" } })).id;
}, 120_000);

describe("share links", () => {
  it("a viewer cannot make one; an editor can, and the URL is shown only in that answer", async () => {
    const body = { kind: "eval", targets: [evalId] };
    expect((await call(share.POST, "POST", { params: { projectId: pid }, body, role: "viewer", author: "Share Viewer" })).status).toBe(403);
    expect((await call(share.POST, "POST", { params: { projectId: pid }, body, author: null })).status).toBe(401);
    const made = await call(share.POST, "POST", { params: { projectId: pid }, body, role: "editor", author: "Share Editor" });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.url).toMatch(/\/share\/[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(made.json.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const listed = await call(share.GET, "GET", { params: { projectId: pid }, query: { kind: "eval", targets: evalId } });
    expect(listed.json.map((l: { id: string }) => l.id)).toContain(made.json.id);
    expect(JSON.stringify(listed.json)).not.toContain(tokenOf(made.json.url));
    const stored = await db().shareLink.findUniqueOrThrow({ where: { id: made.json.id } });
    expect(stored.tokenHash).toBe(hashShareToken(tokenOf(made.json.url)));
  });

  it("refuses targets that are not in the project, and a wrong number of them", async () => {
    expect((await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval", targets: [foreignEvalId] } })).status).toBe(404);
    expect((await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval_compare", targets: [evalId] } })).status).toBe(422);
    expect((await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval", targets: [evalId], days: 45 } })).status).toBe(422);
  });

  it("opens exactly its eval without a session, until revoked or expired", async () => {
    const made = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval", targets: [evalId], days: 7 }, role: "editor", author: "Share Editor" });
    const token = tokenOf(made.json.url);

    const view = await anon(pub.GET, { token });
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ kind: "eval", projectId: pid, targets: [evalId] });
    const ev = await anon(pubEval.GET, { token, projectId: pid, evalId });
    expect(ev.status).toBe(200);
    expect(ev.json.name).toBe("Shared eval");
    const results = await anon(pubResults.GET, { token, projectId: pid, evalId });
    expect(results.status).toBe(200);
    expect(results.json.results.map((r: { request: string }) => r.request)).toEqual(["Where is ORD-1?"]);
    const raw = await pubEval.GET(new Request(`http://test.local/api/share/${token}/projects/${pid}/evals/${evalId}`), { params: Promise.resolve({ token, projectId: pid, evalId }) });
    expect(raw.headers.get("x-robots-tag")).toBe("noindex, nofollow");

    // No secret and nothing else of the project in what the link serves.
    const everything = JSON.stringify([view.json, ev.json, results.json]);
    for (const secret of [KEY, BASE_URL, "gpu-box.share-test.internal:8000", "hunter2", "UNSHARED", "OTHER PROJECT", otherEvalId, runId]) expect(everything).not.toContain(secret);
    expect(ev.json.endpointName).toMatch(/^share-ep-/);

    // The same token does not open another eval, another project's eval, a run, or a comparison it does not name.
    expect((await anon(pubEval.GET, { token, projectId: pid, evalId: otherEvalId })).status).toBe(404);
    expect((await anon(pubResults.GET, { token, projectId: pid, evalId: otherEvalId })).status).toBe(404);
    expect((await anon(pubEval.GET, { token, projectId: otherPid, evalId: foreignEvalId })).status).toBe(404);
    expect((await anon(pubEval.GET, { token, projectId: otherPid, evalId })).status).toBe(404);
    expect((await anon(pubRun.GET, { token, projectId: pid, runId })).status).toBe(404);
    expect((await anon(pubCompare.GET, { token, projectId: pid }, { a: evalId, b: otherEvalId })).status).toBe(404);
    // …and no member route takes it, whichever way it is sent.
    for (const headers of [{ authorization: `Bearer ${token}` }, { cookie: `share=${token}` }] as Record<string, string>[]) {
      const res = await evalRoute.GET(new Request(`http://test.local/api/projects/${pid}/evals/${evalId}?token=${token}`, { headers }), { params: Promise.resolve({ projectId: pid, evalId }) });
      expect(res.status).toBe(401);
    }
    expect((await db().shareLink.findUniqueOrThrow({ where: { id: made.json.id } })).lastViewedAt).not.toBeNull();

    // A viewer cannot revoke; another editor cannot revoke someone else's; the creator can.
    expect((await call(shareOne.DELETE, "DELETE", { params: { projectId: pid, shareId: made.json.id }, role: "viewer", author: "Share Viewer" })).status).toBe(403);
    expect((await call(shareOne.DELETE, "DELETE", { params: { projectId: pid, shareId: made.json.id }, role: "editor", author: "Share Editor Two" })).status).toBe(403);
    const revoked = await call(shareOne.DELETE, "DELETE", { params: { projectId: pid, shareId: made.json.id }, role: "editor", author: "Share Editor" });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await anon(pub.GET, { token })).status).toBe(404);
    expect((await anon(pubEval.GET, { token, projectId: pid, evalId })).status).toBe(404);
    const events = await db().auditEvent.findMany({ where: { targetType: "share_link", targetId: made.json.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.outcome, e.actorLabel])).toEqual([
      ["share.create", "ok", "share-editor.editor@test.local"],
      ["share.revoke", "denied", "share-editor-two.editor@test.local"],
      ["share.revoke", "ok", "share-editor.editor@test.local"],
    ]);
    expect(events.map((e) => e.detail ?? "").join(" ")).not.toContain(token);

    // Expired: a fresh link whose expiry is in the past.
    const again = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval", targets: [evalId] } });
    const token2 = tokenOf(again.json.url);
    expect((await anon(pubEval.GET, { token: token2, projectId: pid, evalId })).status).toBe(200);
    await db().shareLink.update({ where: { id: again.json.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anon(pub.GET, { token: token2 })).status).toBe(404);
    expect((await anon(pubEval.GET, { token: token2, projectId: pid, evalId })).status).toBe(404);

    // Unknown.
    expect((await anon(pubEval.GET, { token: "x".repeat(43), projectId: pid, evalId })).status).toBe(404);
  });

  it("an admin can revoke a link someone else made", async () => {
    const made = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval", targets: [evalId] }, role: "editor", author: "Share Editor" });
    expect((await call(shareOne.DELETE, "DELETE", { params: { projectId: pid, shareId: made.json.id }, role: "admin", author: "Share Admin" })).status).toBe(200);
  });

  it("an eval comparison link opens the comparison of its two evals and each report, a run link its run only", async () => {
    const cmp = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "eval_compare", targets: [evalId, otherEvalId] } });
    const token = tokenOf(cmp.json.url);
    const c = await anon(pubCompare.GET, { token, projectId: pid }, { a: evalId, b: otherEvalId });
    expect(c.status).toBe(200);
    expect(c.json.a.name).toBe("Shared eval");
    expect(JSON.stringify(c.json)).not.toContain(KEY);
    expect(JSON.stringify(c.json)).not.toContain("hunter2");
    expect((await anon(pubEval.GET, { token, projectId: pid, evalId: otherEvalId })).status).toBe(200);

    const r = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "run", targets: [runId] } });
    const rt = tokenOf(r.json.url);
    expect((await anon(pubRun.GET, { token: rt, projectId: pid, runId })).status).toBe(200);
    expect((await anon(pubEval.GET, { token: rt, projectId: pid, evalId })).status).toBe(404);

    // A run overlay: each of its runs, not a run outside it.
    const second = (await db().run.create({ data: { projectId: pid, backend: "gpu", baseModel: "tiny", config: "{}", snapshot: "{}", trainFilePath: "", status: "running" } })).id;
    const third = (await db().run.create({ data: { projectId: pid, backend: "gpu", baseModel: "tiny", config: "{}", snapshot: "{}", trainFilePath: "", status: "running" } })).id;
    const ov = await call(share.POST, "POST", { params: { projectId: pid }, body: { kind: "run_overlay", targets: [runId, second] } });
    const ot = tokenOf(ov.json.url);
    expect((await anon(pub.GET, { token: ot })).json.targets).toEqual([runId, second]);
    for (const id of [runId, second]) expect((await anon(pubRun.GET, { token: ot, projectId: pid, runId: id })).status).toBe(200);
    expect((await anon(pubRun.GET, { token: ot, projectId: pid, runId: third })).status).toBe(404);
  });

  it("a link stops working when its project goes to the trash", async () => {
    const made = await call(share.POST, "POST", { params: { projectId: otherPid }, body: { kind: "eval", targets: [foreignEvalId] } });
    const token = tokenOf(made.json.url);
    expect((await anon(pub.GET, { token })).status).toBe(200);
    await db().project.update({ where: { id: otherPid }, data: { deletedAt: new Date() } });
    expect((await anon(pub.GET, { token })).status).toBe(404);
  });
});

// The route × role matrix: every method of every route in app/api has an entry naming the action it
// needs (lib/schemas/auth.ts ACTIONS) or "public", and is called as anonymous and as each role with
// a real Better Auth session, and with an API token (an owner's token capped at editor: it acts as
// an editor, and only a session may manage tokens). Anonymous gets 401, a role without the action
// 403, everyone else gets past the gate (any other answer: 404 for the made-up ids, 422 for the
// empty bodies, 200...).
// A new route, or a new method, without an entry here fails.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, roleAllows, type Action, type Role } from "@/lib/schemas/auth";
import { publicUrl } from "@/lib/server/auth/config";
import { db } from "@/lib/server/db";
import { createShareLink } from "@/lib/server/share/links";
import { sessionCookie } from "../support/auth";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** "share": a /api/share/[token]/… route: a made-up token is 404 for everyone; a valid one opens it to anonymous (200). */
type Access = Action | "public" | "share";
/** `same`: a public route whose answer is the same for everyone (a wrong password is a 401 from Better Auth, whoever asks). */
type Entry = Access | { access: Access; body?: unknown; path?: string; same?: number };
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

// Sign-in counters live in Redis beyond one run: each run signs in as its own nobody.
const run = Math.random().toString(36).slice(2, 8);

const MATRIX: Record<string, Partial<Record<Method, Entry>>> = {
  "/auth/[...all]": {
    GET: { access: "public", path: "/api/auth/ok" },
    POST: {
      access: "public",
      path: "/api/auth/sign-in/email",
      body: { email: `nobody-${run}@test.local`, password: "wrong password" },
      same: 401,
    },
  },
  "/agents": { GET: "read", POST: "agents.manage" },
  "/agents/[agentId]": { PATCH: "agents.manage", DELETE: "agents.manage" },
  "/agents/[agentId]/probe": { POST: "agents.manage" },
  "/audit": { GET: "audit.read" },
  "/backends": { GET: "read" },
  "/endpoints": { GET: "read", POST: "endpoints.write" },
  "/endpoints/[endpointId]": { PATCH: "endpoints.write", DELETE: "endpoints.write" },
  "/health": { GET: "public" },
  "/invites": { GET: "members.manage", POST: "members.manage" },
  "/invites/[inviteId]": { DELETE: "members.manage" },
  "/invites/accept": { POST: "public" },
  "/mcp-servers": { GET: "read" },
  "/me": { GET: "read" },
  "/members": { GET: "read" },
  "/members/[userId]": { PATCH: "members.manage", DELETE: "members.manage" },
  "/projects": { GET: "read", POST: "projects.create" },
  "/projects/[projectId]": { GET: "read", PATCH: "projects.update", DELETE: "projects.delete" },
  "/projects/[projectId]/catalogue/impact": { POST: "catalogue.write" },
  "/projects/[projectId]/catalogue/mcp/import": { POST: "catalogue.write" },
  "/projects/[projectId]/catalogue/mcp/preview": { POST: "catalogue.write" },
  "/projects/[projectId]/catalogue/revert": { POST: "catalogue.write" },
  "/projects/[projectId]/catalogue/versions": { GET: "read" },
  "/projects/[projectId]/deletion": { GET: "read" },
  "/projects/[projectId]/eval-settings": { GET: "read", PATCH: "projects.update" },
  "/projects/[projectId]/eval-targets": { GET: "read" },
  "/projects/[projectId]/evals": { GET: "read", POST: "evals.write" },
  "/projects/[projectId]/evals/[evalId]": { GET: "read" },
  "/projects/[projectId]/evals/[evalId]/add-to-training": { POST: "examples.write" },
  "/projects/[projectId]/evals/[evalId]/cancel": { POST: "evals.write" },
  "/projects/[projectId]/evals/[evalId]/preference-pairs": { GET: "read" },
  "/projects/[projectId]/evals/[evalId]/preference-pairs/counts": { GET: "read" },
  "/projects/[projectId]/evals/[evalId]/results": { GET: "read" },
  "/projects/[projectId]/evals/compare": { GET: "read" },
  "/projects/[projectId]/examples": { GET: "read", POST: "examples.write" },
  "/projects/[projectId]/generations": { GET: "read", POST: "examples.write" },
  "/projects/[projectId]/generations/[generationId]": { GET: "read" },
  "/projects/[projectId]/generations/[generationId]/cancel": { POST: "examples.write" },
  "/projects/[projectId]/generations/[generationId]/items": { GET: "read" },
  "/projects/[projectId]/generations/[generationId]/preference-pairs": { GET: "read" },
  "/projects/[projectId]/generations/[generationId]/preference-pairs/counts": { GET: "read" },
  "/projects/[projectId]/generations/estimate": { POST: "read" },
  "/projects/[projectId]/generations/setup": { GET: "read" },
  "/projects/[projectId]/examples/[exampleId]": { GET: "read", PUT: "examples.write", DELETE: "examples.write" },
  "/projects/[projectId]/examples/[exampleId]/neighbours": { GET: "read" },
  "/projects/[projectId]/examples/[exampleId]/revisions": { GET: "read" },
  "/projects/[projectId]/examples/bulk": { POST: "examples.write" },
  "/projects/[projectId]/examples/bulk/[changeId]/undo": { POST: "examples.write" },
  "/projects/[projectId]/examples/facets": { GET: "read" },
  "/projects/[projectId]/examples/trash": { GET: "read", POST: "examples.write" },
  "/projects/[projectId]/export": { GET: "read" },
  "/projects/[projectId]/export/code": { GET: "read" },
  "/projects/[projectId]/health": { GET: "read" },
  "/projects/[projectId]/imports": { GET: "read", POST: "imports.write" },
  "/projects/[projectId]/imports/[importId]": { GET: "read", DELETE: "imports.write" },
  "/projects/[projectId]/imports/[importId]/answers": { POST: "imports.write" },
  "/projects/[projectId]/imports/[importId]/commit": { POST: "imports.write" },
  "/projects/[projectId]/imports/[importId]/errors": { GET: "read" },
  "/projects/[projectId]/imports/[importId]/reanalyse": { POST: "imports.write" },
  "/projects/[projectId]/playground": { POST: "evals.write" },
  "/projects/[projectId]/pricing": { GET: "read", PUT: "projects.update" },
  "/projects/[projectId]/prompt": { GET: "read" },
  "/projects/[projectId]/runs": { GET: "read", POST: "runs.write" },
  "/projects/[projectId]/runs/[runId]": { GET: "read", PATCH: "runs.write" },
  "/projects/[projectId]/runs/[runId]/cancel": { POST: "runs.write" },
  "/projects/[projectId]/runs/[runId]/checkpoints": { GET: "read" },
  "/projects/[projectId]/runs/[runId]/dpo": { GET: "read", POST: "runs.write" },
  "/projects/[projectId]/runs/[runId]/events": { GET: "read" },
  "/projects/[projectId]/runs/[runId]/files/[which]": { GET: "read" },
  "/projects/[projectId]/runs/[runId]/lineage": { GET: "read" },
  "/projects/[projectId]/runs/[runId]/metrics": { GET: "read" },
  "/projects/[projectId]/runs/[runId]/retry": { POST: "runs.write" },
  "/projects/[projectId]/runs/preview": { GET: "read" },
  "/projects/[projectId]/runs/token-check": { POST: "runs.write" },
  // Second review: a reviewer's own queue and their reviews need the right to label; agreement is a read.
  "/projects/[projectId]/second-review": { POST: "examples.write" },
  "/projects/[projectId]/second-review/agreement": { GET: "read" },
  "/projects/[projectId]/second-review/queue": { GET: "examples.write" },
  // A dry run is a read; applying the split needs splits.write.
  "/projects/[projectId]/shares": { GET: "read", POST: { access: "shares.create", body: { kind: "eval", targets: ["matrix-missing-eval"] } } },
  "/projects/[projectId]/shares/[shareId]": { DELETE: "shares.create" },
  "/projects/[projectId]/sweeps": { GET: "read", POST: "runs.write" },
  "/projects/[projectId]/sweeps/[sweepId]": { GET: "read" },
  "/projects/[projectId]/sweeps/[sweepId]/evaluate": { POST: "evals.write" },
  "/projects/[projectId]/split": { POST: { access: "splits.write", body: { dryRun: false } } },
  "/projects/[projectId]/stats": { GET: "read" },
  "/projects/[projectId]/storage": { GET: "read" },
  "/projects/[projectId]/tools": { GET: "read", POST: "catalogue.write" },
  "/projects/[projectId]/tools/[toolId]": { PATCH: "catalogue.write" },
  "/projects/[projectId]/tools/reorder": { POST: "catalogue.write" },
  // Share links: the token in the path is the only key (no session is read); an unknown token is 404 for everyone.
  // tests/integration/share-links.test.ts covers revoked and expired tokens and what a token does not open.
  "/share/[token]": { GET: "share" },
  "/share/[token]/projects/[projectId]/eval-settings": { GET: "share" },
  "/share/[token]/projects/[projectId]/evals/[evalId]": { GET: "share" },
  "/share/[token]/projects/[projectId]/evals/[evalId]/results": { GET: "share" },
  "/share/[token]/projects/[projectId]/evals/compare": { GET: "share" },
  "/share/[token]/projects/[projectId]/runs/[runId]": { GET: "share" },
  "/share/[token]/projects/[projectId]/runs/[runId]/checkpoints": { GET: "share" },
  "/share/[token]/projects/[projectId]/runs/[runId]/metrics": { GET: "share" },
  // One's own tokens: every member (a token's role is at most theirs; only a session manages them).
  "/tokens": { GET: "read", POST: "read" },
  "/tokens/[tokenId]": { DELETE: "read" },
  "/trash": { GET: "read", DELETE: "projects.delete" },
  "/trash/[projectId]": { DELETE: "projects.delete" },
  "/trash/[projectId]/restore": { POST: "projects.delete" },
};

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

const ROUTES = routeFiles()
  .sort()
  .map((file) => ({ file, rel: file.replace(/^app\/api/, "").replace(/\/route\.ts$/, "") }));
const loaded = new Map<string, Partial<Record<Method, Handler>>>();
const cookies = new Map<Role, string>();
/** Real ids and valid share tokens, for the share routes' anonymous 200. */
const shared: Record<string, string> = {};

async function makeShared() {
  const owner = await db().user.findFirstOrThrow({ where: { role: "owner" } });
  const who = { kind: "session" as const, userId: owner.id, name: owner.name, email: owner.email!, role: "owner" as const, sessionId: "" };
  const project = await db().project.create({ data: { name: `Matrix share ${run}` } });
  const config = JSON.stringify({ style: "router_json", parallelToolCalls: false, system: "", tools: [], catalogueVersion: 0, split: "gold", concurrency: 1, maxTokens: 64, pricing: null });
  const ev = () => db().eval.create({ data: { projectId: project.id, name: "matrix", backend: "openai", model: "m", status: "succeeded", config, total: 0 } });
  const [a, b] = [await ev(), await ev()];
  const r = await db().run.create({ data: { projectId: project.id, backend: "gpu", baseModel: "tiny", config: "{}", snapshot: "{}", trainFilePath: "", status: "running" } });
  const tokenOf = (url: string) => decodeURIComponent(url.split("/").pop()!);
  Object.assign(shared, {
    projectId: project.id,
    evalId: a.id,
    runId: r.id,
    evalToken: tokenOf((await createShareLink(who, project.id, { kind: "eval_compare", targets: [a.id, b.id], days: 1 })).url!),
    runToken: tokenOf((await createShareLink(who, project.id, { kind: "run", targets: [r.id], days: 1 })).url!),
    a: a.id,
    b: b.id,
  });
}
/** The matrix's token: made by an owner with the editor role, sent as a script sends it (no cookie, no Origin). */
const TOKEN_ROLE: Role = "editor";
let token = "";
/** Routes a token may never use, whatever its role: managing tokens needs a signed-in session. */
const SESSION_ONLY = new Set(["/tokens", "/tokens/[tokenId]"]);

beforeAll(async () => {
  for (const { file, rel } of ROUTES) loaded.set(rel, await import(/* @vite-ignore */ path.resolve(file)));
  for (const role of ROLES) cookies.set(role, await sessionCookie(`Matrix ${role}`, role));
  const made = await loaded.get("/tokens")!.POST!(
    new Request(publicUrl() + "/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl(), cookie: cookies.get("owner")! },
      body: JSON.stringify({ name: `matrix ${run}`, role: TOKEN_ROLE }),
    }),
    { params: Promise.resolve({}) },
  );
  expect(made.status).toBe(201);
  token = ((await made.json()) as { token: string }).token;
  await makeShared();
}, 120_000);

async function callAs(who: Role | "anonymous" | "token", rel: string, method: Method, entry: Entry, validShare = false): Promise<number> {
  const handler = loaded.get(rel)![method]!;
  const spec = typeof entry === "string" ? { access: entry } : entry;
  const params = Object.fromEntries(
    [...rel.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], m[1] === "which" ? "train" : `matrix-missing-${m[1]}`]),
  );
  if (validShare) Object.assign(params, { token: rel.includes("/runs/") ? shared.runToken : shared.evalToken, projectId: shared.projectId, evalId: shared.evalId, runId: shared.runId });
  const query = validShare && rel.endsWith("/compare") ? `?a=${shared.a}&b=${shared.b}` : "";
  const url = publicUrl() + (spec.path ?? "/api" + rel.replace(/\[(\w+)\]/g, (_, k: string) => params[k])) + query;
  // A browser sends Origin with every write; Better Auth refuses a cookie-carrying POST without one.
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: publicUrl(),
    "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250) + 1}`,
  };
  if (who === "token") {
    delete headers.origin;
    headers.authorization = `Bearer ${token}`;
  } else if (who !== "anonymous") headers.cookie = cookies.get(who)!;
  const body = method === "GET" || method === "DELETE" ? undefined : JSON.stringify(spec.body ?? {});
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  await res.body?.cancel();
  return res.status;
}

describe("route × role matrix", () => {
  it("answers routes without dynamic segments when Next passes no params (as `next start` does), writes included", async () => {
    const health = await loaded.get("/health")!.GET!(new Request(publicUrl() + "/api/health"), undefined as never);
    expect(health.status).toBe(200);
    const headers = { "content-type": "application/json", origin: publicUrl(), cookie: cookies.get("owner")! };
    const list = await loaded.get("/projects")!.GET!(new Request(publicUrl() + "/api/projects", { headers }), {} as never);
    expect(list.status).toBe(200);
    // A write is audited with the params it had: none, and no crash on the way.
    const bad = await loaded.get("/projects")!.POST!(new Request(publicUrl() + "/api/projects", { method: "POST", headers, body: "{}" }), undefined as never);
    expect(bad.status).toBe(422);
  });

  it("has an entry for every method of every route, and none for a route or method that is gone", () => {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const { rel } of ROUTES) {
      const mod = loaded.get(rel)!;
      for (const m of METHODS) if (mod[m] && !MATRIX[rel]?.[m]) missing.push(`${m} ${rel}`);
      for (const m of Object.keys(MATRIX[rel] ?? {}) as Method[]) if (!mod[m]) stale.push(`${m} ${rel}`);
    }
    for (const rel of Object.keys(MATRIX)) if (!loaded.has(rel)) stale.push(rel);
    expect(missing, "routes without an entry in MATRIX (tests/integration/route-roles.test.ts): add the action each needs").toEqual([]);
    expect(stale, "MATRIX entries for routes or methods that no longer exist").toEqual([]);
  });

  for (const [rel, methods] of Object.entries(MATRIX)) {
    for (const [method, entry] of Object.entries(methods) as [Method, Entry][]) {
      const access = typeof entry === "string" ? entry : entry.access;
      const same = typeof entry === "string" ? undefined : entry.same;
      it(`${method} ${rel} (${access})`, async () => {
        const seen: Record<string, number> = {};
        const expected: Record<string, string> = {};
        if (access === "share") {
          for (const who of ["anonymous", ...ROLES, "token"] as const) {
            seen[who] = await callAs(who, rel, method, entry);
            expected[who] = "404";
          }
          seen["anonymous with a valid token"] = await callAs("anonymous", rel, method, entry, true);
          expected["anonymous with a valid token"] = "200";
          expect(Object.fromEntries(Object.entries(seen).map(([w, s]) => [w, String(s)])), `statuses seen: ${JSON.stringify(seen)}`).toEqual(expected);
          return;
        }
        for (const who of ["anonymous", ...ROLES, "token"] as const) {
          seen[who] = await callAs(who, rel, method, entry);
          const role = who === "token" ? TOKEN_ROLE : who;
          const allowed =
            access === "public" || (role !== "anonymous" && !(who === "token" && SESSION_ONLY.has(rel)) && roleAllows(role, access));
          expected[who] = same ? String(same) : allowed ? "passes the gate" : who === "anonymous" ? "401" : "403";
        }
        const verdict = (s: number) => (s === 401 ? "401" : s === 403 ? "403" : s >= 500 ? `${s}` : "passes the gate");
        expect(Object.fromEntries(Object.entries(seen).map(([w, s]) => [w, verdict(s)])), `statuses seen: ${JSON.stringify(seen)}`).toEqual(
          expected,
        );
      });
    }
  }
});

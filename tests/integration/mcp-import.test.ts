// Importing tools from MCP servers written with the official SDK (tests/support/mcp-server): over
// stdio from the operator's allow-list, over Streamable HTTP on loopback, and pasted. The plan is
// counted exactly, conflicts are settled both ways, each import is one catalogue version naming the
// server, and the examples a take-theirs change breaks (1,000 of 5,000) are flagged. Every failure
// (not allowed, crashed, not MCP, timed out, stale preview) is a clear error that writes nothing.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as preview from "@/app/api/projects/[projectId]/catalogue/mcp/preview/route";
import * as importRoute from "@/app/api/projects/[projectId]/catalogue/mcp/import/route";
import * as servers from "@/app/api/mcp-servers/route";
import type { McpPreviewDto, McpSource } from "@/lib/schemas/mcp";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { revalidateExamples } from "@/lib/server/examples/revalidate";
import { startMcpHttpServer, type TestMcpHttp } from "../support/mcp-server/http";
import { insertExamples } from "./bulk-examples";
import { call, testFilesDir } from "./helpers";

const N = 5_000;
const TOKEN = "mcp-secret-token-7d1f0c";
const stdioServer = (env: Record<string, string> = {}) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.resolve("tests/support/mcp-server/stdio.ts")],
  env,
  cwd: process.cwd(),
});
// The catalogue's own track_order takes any carrier; the server's allows only ups and dhl.
const ourTrack = { type: "object", properties: { order_id: { type: "string" }, carrier: { type: "string" } }, required: ["order_id"] };

let projectId = "";
let http: TestMcpHttp;
const saved: Record<string, string | undefined> = {};
const p = () => ({ projectId });
const stdio: McpSource = { kind: "stdio", server: "test-tools" };

const doPreview = (source: McpSource) => call(preview.POST, "POST", { params: p(), body: { source } });
const doImport = (source: McpSource, prev: McpPreviewDto, choices: { decisions?: Record<string, string>; skip?: string[] } = {}) =>
  call(importRoute.POST, "POST", {
    params: p(),
    body: { source, catalogueVersion: prev.catalogueVersion, fingerprint: prev.fingerprint, ...choices },
  });
const state = async () => {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { catalogueVersion: true } });
  const names = (await db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { name: true } })).map(
    (t) => t.name,
  );
  return { version: project.catalogueVersion, names, versions: await db().catalogueVersion.count({ where: { projectId } }) };
};
const actions = (prev: McpPreviewDto) => Object.fromEntries(prev.plan.map((e) => [e.name, e.action]));

function track(i: number): { messages: Message[] } {
  // One in five asks for a carrier the server's schema does not allow.
  const carrier = i % 5 === 0 ? "fedex" : "ups";
  return {
    messages: [
      { role: "user", content: `where is order ${i}` },
      {
        role: "assistant",
        decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: `ORD-${i}`, carrier } }] },
        weight: 1,
      },
    ],
  };
}

beforeAll(async () => {
  for (const k of ["TOOLTUNE_MCP_SERVERS", "TOOLTUNE_INLINE_REVALIDATION_LIMIT", "TOOLTUNE_MCP_TIMEOUT_MS"]) saved[k] = process.env[k];
  process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = "100000";
  process.env.TOOLTUNE_MCP_TIMEOUT_MS = "15000";
  process.env.TOOLTUNE_MCP_SERVERS = JSON.stringify({
    "test-tools": stdioServer(),
    crashing: stdioServer({ MCP_TEST_MODE: "crash" }),
    chatty: stdioServer({ MCP_TEST_MODE: "not-mcp" }),
    silent: stdioServer({ MCP_TEST_MODE: "hang" }),
    missing: { command: "/nonexistent/mcp-server" },
  });
  http = await startMcpHttpServer({ token: TOKEN });
  projectId = (await call(projects.POST, "POST", { body: { name: "MCP import" } })).json.id;
  expect(
    (await call(tools.POST, "POST", { params: p(), body: { name: "track_order", description: "Look up an order", parameters: ourTrack } }))
      .status,
  ).toBe(201);
  await insertExamples(projectId, N, track);
  await revalidateExamples(projectId, null);
}, 120_000);
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await http?.close();
  await disconnectDb();
});

describe("MCP import", () => {
  it("lists the allowed stdio servers by name only", async () => {
    const r = await call(servers.GET, "GET", { role: "viewer" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ servers: ["chatty", "crashing", "missing", "silent", "test-tools"] });
    expect(JSON.stringify(r.json)).not.toContain("stdio.ts");
  });

  it("previews a stdio server's tools (two pages) as an exact plan, naming the rejected schema, and writes nothing", async () => {
    const before = await state();
    const r = await doPreview(stdio);
    expect(r.status).toBe(200);
    const prev = r.json as McpPreviewDto;
    expect(prev.counts).toEqual({ add: 2, same: 0, conflict: 1, rejected: 1 });
    expect(actions(prev)).toEqual({ search_docs: "add", track_order: "conflict", get_weather: "add" });
    expect(prev.rejected).toEqual([
      { name: "book_meeting", field: "inputSchema", message: expect.stringContaining('unknown format "cuid"') },
    ]);
    const conflict = prev.plan.find((e) => e.name === "track_order")!;
    expect(conflict.existing?.parameters).toEqual(ourTrack);
    expect(conflict.imported.parameters).toMatchObject({ properties: { carrier: { enum: ["ups", "dhl"] } } });
    expect(prev.sourceLabel).toBe("MCP server test-tools");
    expect(await state()).toEqual(before);
  });

  it("imports from stdio keeping our conflicting tool and skipping one new tool: one version naming the server, audited", async () => {
    const before = await state();
    const prev = (await doPreview(stdio)).json as McpPreviewDto;
    const r = await doImport(stdio, prev, { decisions: { track_order: "keep_existing" }, skip: ["get_weather"] });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ catalogueVersion: before.version + 1, added: ["search_docs"], replaced: [] });
    const after = await state();
    expect(after.names).toEqual(["track_order", "search_docs"]);
    expect(after.versions).toBe(before.versions + 1);
    const version = await db().catalogueVersion.findUniqueOrThrow({ where: { projectId_version: { projectId, version: after.version } } });
    expect(version.summary).toBe("imported from MCP server test-tools: added search_docs");
    const ours = await db().tool.findFirstOrThrow({ where: { projectId, name: "track_order" } });
    expect(JSON.parse(ours.parameters)).toEqual(ourTrack);
    expect(await db().example.count({ where: { projectId, invalid: true } })).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { projectId, targetType: "catalogue", targetId: String(after.version) },
    });
    expect(event).toMatchObject({ action: "catalogue.write", outcome: "ok", targetLabel: "imported from MCP server test-tools" });
    expect(JSON.parse(event.detail!)).toMatchObject({ source: "stdio", added: ["search_docs"] });
    // The same server again: what was imported is now "same".
    expect(actions((await doPreview(stdio)).json)).toEqual({ search_docs: "same", track_order: "conflict", get_weather: "add" });
  });

  it("imports over Streamable HTTP taking the server's schema, flags exactly the examples it breaks, and never records the header", async () => {
    const source: McpSource = { kind: "http", url: http.url, headers: { Authorization: `Bearer ${TOKEN}` } };
    const prev = (await doPreview(source)).json as McpPreviewDto;
    expect(prev.counts).toEqual({ add: 1, same: 1, conflict: 1, rejected: 1 });
    const r = await doImport(source, prev, { decisions: { track_order: "use_imported" } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      added: ["get_weather"],
      replaced: ["track_order"],
      revalidation: { mode: "inline", checked: N, invalid: N / 5, newlyInvalid: N / 5 },
    });
    expect(await db().example.count({ where: { projectId, invalid: true } })).toBe(N / 5);
    const { version, names } = await state();
    expect(names).toEqual(["track_order", "search_docs", "get_weather"]);
    const host = new URL(http.url).host;
    const summary = (await db().catalogueVersion.findUniqueOrThrow({ where: { projectId_version: { projectId, version } } })).summary;
    expect(summary).toBe(`imported from MCP server at ${host}/mcp: added get_weather; replaced track_order`);
    expect(http.authorizations.length).toBeGreaterThan(0);
    expect(http.authorizations.every((a) => a === `Bearer ${TOKEN}`)).toBe(true);
    const audit = await db().auditEvent.findMany({ where: { projectId } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it("a server refusing the token is a clear error that does not echo the header", async () => {
    const r = await doPreview({ kind: "http", url: http.url, headers: { Authorization: "Bearer wrong-token-0000" } });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ field: "source.url", message: expect.stringMatching(/refused the request \(HTTP 401\)/) });
  });

  it("takes a pasted tools/list result, as an object or a bare array, and says where broken JSON breaks", async () => {
    const listed = (await call(tools.GET, "GET", { params: p() })).json as { name: string; description: string; parameters: unknown }[];
    const asMcp = listed.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters }));
    const prevObject = (await doPreview({ kind: "paste", text: JSON.stringify({ tools: asMcp }) })).json as McpPreviewDto;
    expect(prevObject.counts).toEqual({ add: 0, same: 3, conflict: 0, rejected: 0 });
    const bare = [
      ...asMcp.slice(0, 1),
      { name: "files.read", inputSchema: { type: "object" } },
      { name: "lookup_user", description: "Find a user", inputSchema: { type: "object", properties: { id: { type: "string" } } } },
    ];
    const prevBare = (await doPreview({ kind: "paste", text: JSON.stringify(bare, null, 2) })).json as McpPreviewDto;
    expect(prevBare.counts).toEqual({ add: 1, same: 1, conflict: 0, rejected: 1 });
    expect(prevBare.rejected).toEqual([{ name: "files.read", field: "name", message: expect.stringContaining("1–64 letters") }]);
    const r = await doImport({ kind: "paste", text: JSON.stringify(bare, null, 2) }, prevBare);
    expect(r.json).toMatchObject({ added: ["lookup_user"] });
    const { version } = await state();
    expect((await db().catalogueVersion.findUniqueOrThrow({ where: { projectId_version: { projectId, version } } })).summary).toBe(
      "imported from a pasted MCP tools/list: added lookup_user",
    );
    const broken = await doPreview({ kind: "paste", text: '{\n  "tools": [\n    {"name": "x",}\n  ]\n}' });
    expect(broken.status).toBe(422);
    expect(broken.json.error).toMatchObject({
      field: "source.text",
      message: expect.stringMatching(/^the pasted text is not valid JSON at line 3, column 18/),
    });
  });

  it("refuses a URL on a private address unless TOOLTUNE_ALLOWED_HOSTS allows it, before any request", async () => {
    const seen = http.authorizations.length;
    process.env.TOOLTUNE_ALLOWED_HOSTS = "";
    try {
      const r = await doPreview({ kind: "http", url: http.url });
      expect(r.status).toBe(422);
      expect(r.json.error).toMatchObject({ field: "source.url", message: expect.stringMatching(/add it to TOOLTUNE_ALLOWED_HOSTS/) });
      expect((await doPreview({ kind: "http", url: "http://169.254.169.254/mcp" })).json.error.message).toMatch(/metadata/);
    } finally {
      process.env.TOOLTUNE_ALLOWED_HOSTS = "127.0.0.1";
    }
    expect(http.authorizations.length).toBe(seen);
  });

  it("starts only allow-listed servers: a name not on the list, or a command in the request, runs nothing", async () => {
    const marker = path.join(testFilesDir(), `mcp-never-${process.pid}`);
    const body = { source: { kind: "stdio", server: "touch", command: "touch", args: [marker] } };
    const r = await call(preview.POST, "POST", { params: p(), body });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({
      field: "source.server",
      message: expect.stringMatching(/not one of the MCP servers .* TOOLTUNE_MCP_SERVERS/),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(marker)).toBe(false);
  });

  it("says clearly when a server crashes, is not MCP, cannot start or times out, and writes nothing", async () => {
    const before = await state();
    const crash = await doPreview({ kind: "stdio", server: "crashing" });
    expect(crash.status).toBe(422);
    expect(crash.json.error.message).toMatch(
      /"crashing" failed: it exited before answering tools\/list; its stderr ends with: .*cannot open database/s,
    );
    expect((await doPreview({ kind: "stdio", server: "chatty" })).json.error.message).toMatch(
      /"chatty" is not an MCP server: its answer is not JSON-RPC/,
    );
    expect((await doPreview({ kind: "stdio", server: "missing" })).json.error.message).toMatch(
      /"missing" failed to start: \/nonexistent\/mcp-server: no such command/,
    );
    process.env.TOOLTUNE_MCP_TIMEOUT_MS = "1500";
    try {
      expect((await doPreview({ kind: "stdio", server: "silent" })).json.error.message).toMatch(
        /"silent" did not answer tools\/list within 2 s \(timed out\)/,
      );
    } finally {
      process.env.TOOLTUNE_MCP_TIMEOUT_MS = "15000";
    }
    const web: Server = createServer((_req, res) =>
      res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Not found</body></html>"),
    );
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    try {
      const notMcp = await doPreview({ kind: "http", url: `http://127.0.0.1:${(web.address() as AddressInfo).port}/mcp` });
      expect(notMcp.json.error).toMatchObject({
        field: "source.url",
        message: expect.stringMatching(/is not an MCP server, or not at this path: it answered HTTP 404/),
      });
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
    expect(await state()).toEqual(before);
  }, 60_000);

  it("refuses an import when the catalogue or the server's tools changed since the preview (409) or the server is gone, and writes nothing", async () => {
    const source: McpSource = {
      kind: "paste",
      text: JSON.stringify({
        tools: [{ name: "ping_host", description: "Ping", inputSchema: { type: "object", properties: { host: { type: "string" } } } }],
      }),
    };
    const prev = (await doPreview(source)).json as McpPreviewDto;
    expect(
      (
        await call(tools.POST, "POST", {
          params: p(),
          body: { name: "escalate", description: "Hand over", parameters: { type: "object" } },
        })
      ).status,
    ).toBe(201);
    const before = await state();
    const r = await doImport(source, prev);
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/the catalogue changed \(version \d+ is now \d+\) since the preview/);
    const fresh = (await doPreview(source)).json as McpPreviewDto;
    const changed = await doImport({ kind: "paste", text: source.text.replace("Ping", "Ping a host") }, fresh);
    expect(changed.status).toBe(409);
    expect(changed.json.error.message).toMatch(/the server's tools changed since the preview/);
    const wrongChoice = await doImport(source, fresh, { skip: ["track_order"] });
    expect(wrongChoice.json.error).toMatchObject({ field: "skip" });
    // A server that goes away between the preview and the import.
    const gone = await startMcpHttpServer();
    const goneSource: McpSource = { kind: "http", url: gone.url };
    const gonePreview = (await doPreview(goneSource)).json as McpPreviewDto;
    expect(gonePreview.plan.map((e) => e.name)).toEqual(["search_docs", "track_order", "get_weather"]);
    await gone.close();
    const failed = await doImport(goneSource, gonePreview);
    expect(failed.status).toBe(422);
    expect(failed.json.error).toMatchObject({ field: "source.url", message: expect.stringMatching(/cannot be reached/) });
    expect(await state()).toEqual(before);
  });
});

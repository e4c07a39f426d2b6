// Saved endpoints hold a write-only key. It belongs to the server it was typed for: moving the
// endpoint to another host drops it, and a patch changes only the fields it names.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as playgroundRoute from "@/app/api/projects/[projectId]/playground/route";
import * as endpointsRoute from "@/app/api/endpoints/route";
import * as endpointRoute from "@/app/api/endpoints/[endpointId]/route";
import { db } from "@/lib/server/db";
import { call } from "./helpers";

/** A stand-in for a server the endpoint is moved to: it records what each request carried. */
const seen: IncomingHttpHeaders[] = [];
const other = createServer((req, res) => {
  seen.push(req.headers);
  req.resume();
  if (req.url?.startsWith("/redirect/")) return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
  if (req.url?.startsWith("/html/")) return res.writeHead(400, { "content-type": "text/html" }).end(`<!DOCTYPE html><html><body><h1>Bad</h1>${"<p>internal detail</p>".repeat(500)}</body></html>`);
  res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "nope" } }));
});
let otherUrl = "";

beforeAll(async () => {
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => other.close(() => r())));

let seq = 0;
async function endpoint() {
  seq += 1;
  const body = { name: `vLLM ${seq} ${Date.now()}`, baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-secret-1", defaultModel: "qwen", inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 };
  const r = await call(endpointsRoute.POST, "POST", { body });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json;
}
const patch = (id: string, body: unknown) => call(endpointRoute.PATCH, "PATCH", { params: { endpointId: id }, body });

async function playground(endpointId: string) {
  const pid = (await call(projects.POST, "POST", { body: { name: `playground ${seq} ${Date.now()}` } })).json.id;
  const r = await call(playgroundRoute.POST, "POST", { params: { projectId: pid }, body: { request: "hello", targets: [{ backend: "endpoint", endpointId, model: "qwen" }] } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json[0];
}

describe("outbound requests to saved endpoints", () => {
  it("refuses to save an endpoint on a cloud metadata or link-local address, naming why", async () => {
    for (const baseUrl of ["http://169.254.169.254/v1", "http://[fe80::1]:8000/v1"]) {
      const r = await call(endpointsRoute.POST, "POST", { body: { name: `meta ${baseUrl} ${Date.now()}`, baseUrl } });
      expect(r.status, baseUrl).toBe(422);
      expect(r.json.error.field).toBe("baseUrl");
      expect(r.json.error.message).toMatch(/link-local, metadata or reserved/);
    }
  });

  it("refuses this machine and private networks unless TOOLTUNE_ALLOWED_HOSTS names them", async () => {
    const saved = process.env.TOOLTUNE_ALLOWED_HOSTS;
    process.env.TOOLTUNE_ALLOWED_HOSTS = "";
    try {
      for (const baseUrl of ["http://127.0.0.1:11434/v1", "http://localhost:11434/v1", "http://10.0.0.5:8000/v1"]) {
        const r = await call(endpointsRoute.POST, "POST", { body: { name: `private ${baseUrl} ${Date.now()}`, baseUrl } });
        expect(r.status, baseUrl).toBe(422);
        expect(r.json.error.message).toMatch(/add it to TOOLTUNE_ALLOWED_HOSTS/);
      }
      process.env.TOOLTUNE_ALLOWED_HOSTS = "10.0.0.0/8";
      expect((await call(endpointsRoute.POST, "POST", { body: { name: `lan ${Date.now()}`, baseUrl: "http://10.0.0.5:8000/v1" } })).status).toBe(201);
    } finally {
      process.env.TOOLTUNE_ALLOWED_HOSTS = saved;
    }
  });

  it("does not follow a redirect (here, to the metadata address) and says so", async () => {
    const ep = (await call(endpointsRoute.POST, "POST", { body: { name: `redirect ${Date.now()}`, baseUrl: otherUrl.replace("/v1", "/redirect/v1") } })).json;
    const answer = await playground(ep.id);
    expect(answer.error).toMatch(/redirect \(302\); ToolTune does not follow redirects/);
  });

  it("shows a remote's HTML error page as a short note, not the page", async () => {
    const ep = (await call(endpointsRoute.POST, "POST", { body: { name: `html ${Date.now()}`, baseUrl: otherUrl.replace("/v1", "/html/v1") } })).json;
    const answer = await playground(ep.id);
    expect(answer.error).toMatch(/^400: .*an HTML page \(not shown\)/);
    expect(answer.error).not.toContain("internal detail");
    expect(answer.error.length).toBeLessThan(400);
  });
});

describe("saved endpoints", () => {
  it("a patch that names only the URL keeps the default model and both prices", async () => {
    const ep = await endpoint();
    const r = await patch(ep.id, { baseUrl: "http://127.0.0.1:9/openai/v1" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ baseUrl: "http://127.0.0.1:9/openai/v1", defaultModel: "qwen", inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 });
  });

  it("stores the key encrypted, never as typed", async () => {
    const ep = await endpoint();
    const row = await db().endpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row.apiKey).toMatch(/^enc:v1:/);
    expect(row.apiKey).not.toContain("sk-secret-1");
  });

  it("keeps the key when only the path changes, and drops it when the host changes", async () => {
    const ep = await endpoint();
    expect((await patch(ep.id, { baseUrl: "http://127.0.0.1:9/other/v1" })).json.hasKey).toBe(true);
    expect((await patch(ep.id, { baseUrl: "http://127.0.0.1:10/v1" })).json.hasKey).toBe(false);
    expect((await patch(ep.id, { baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-secret-2" })).json.hasKey).toBe(true);
    // Moving and giving the key in the same request keeps the new key.
    expect((await patch(ep.id, { baseUrl: "http://localhost:9/v1", apiKey: "sk-secret-3" })).json.hasKey).toBe(true);
  });

  it("never sends the saved key to the host an endpoint was moved to", async () => {
    const ep = await endpoint();
    expect((await patch(ep.id, { baseUrl: otherUrl })).status).toBe(200);
    const pid = (await call(projects.POST, "POST", { body: { name: `endpoint move ${seq}` } })).json.id;
    const r = await call(playgroundRoute.POST, "POST", { params: { projectId: pid }, body: { request: "hello", targets: [{ backend: "endpoint", endpointId: ep.id, model: "qwen" }] } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    for (const h of seen) expect(h.authorization ?? "").not.toContain("sk-secret-1");
  });
});

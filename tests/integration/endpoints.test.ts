// Saved endpoints hold a write-only key. It belongs to the server it was typed for: moving the
// endpoint to another host drops it, and a patch changes only the fields it names.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as playgroundRoute from "@/app/api/projects/[projectId]/playground/route";
import * as endpointsRoute from "@/app/api/endpoints/route";
import * as endpointRoute from "@/app/api/endpoints/[endpointId]/route";
import { call } from "./helpers";

/** A stand-in for a server the endpoint is moved to: it records what each request carried. */
const seen: IncomingHttpHeaders[] = [];
const other = createServer((req, res) => {
  seen.push(req.headers);
  req.resume();
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

describe("saved endpoints", () => {
  it("a patch that names only the URL keeps the default model and both prices", async () => {
    const ep = await endpoint();
    const r = await patch(ep.id, { baseUrl: "http://127.0.0.1:9/openai/v1" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ baseUrl: "http://127.0.0.1:9/openai/v1", defaultModel: "qwen", inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 });
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

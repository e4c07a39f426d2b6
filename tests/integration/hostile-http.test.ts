// Hostile requests get a clear 4xx and change nothing; an unexpected error says only a request id.
import { describe, expect, it, vi } from "vitest";
import * as endpointsRoute from "@/app/api/endpoints/route";
import * as projects from "@/app/api/projects/route";
import { db } from "@/lib/server/db";
import { errorResponse } from "@/lib/server/http";
import { sessionCookie } from "../support/auth";
import { call } from "./helpers";

/** A body sent chunked (no Content-Length), as a client streaming it would. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const piece = new TextEncoder().encode(`{"name":"${"x".repeat(64 * 1024)}`);
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      c.enqueue(piece);
      sent += piece.byteLength;
    },
  });
}

const post = async (handler: typeof projects.POST, body: BodyInit, headers: Record<string, string> = {}) =>
  handler(new Request("http://test.local/api", { method: "POST", body, headers: { "content-type": "application/json", cookie: await sessionCookie("Hostile"), ...headers }, duplex: "half" } as RequestInit), { params: Promise.resolve({}) as Promise<never> });

describe("hostile requests", () => {
  it("stops reading a 3 MB chunked body at the limit and answers 413", async () => {
    const before = await db().project.count();
    const res = await post(projects.POST, chunked(3 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/larger than 2 MB/);
    expect(await db().project.count()).toBe(before);
  });

  it("counts bytes, not characters: 1.1 million three-byte characters are over 2 MB", async () => {
    const res = await post(projects.POST, JSON.stringify({ name: "€".repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });

  it("refuses a Content-Length that is not a number", async () => {
    const res = await post(projects.POST, JSON.stringify({ name: "x" }), { "content-length": "-1" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Content-Length/);
  });

  it("answers 409, not 500, when two endpoints with the same name are created at once", async () => {
    const body = { name: `race ${Date.now()}`, baseUrl: "http://127.0.0.1:9/v1" };
    const results = await Promise.all([1, 2, 3].map(() => call(endpointsRoute.POST, "POST", { body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.message).toMatch(/name/);
  });

  it("refuses an endpoint URL with credentials in it, naming the field", async () => {
    const r = await call(endpointsRoute.POST, "POST", { body: { name: `creds ${Date.now()}`, baseUrl: "http://admin:hunter2@127.0.0.1:9/v1" } });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("baseUrl");
    expect(JSON.stringify(r.json)).not.toContain("hunter2");
  });

  it("answers an unexpected error with a request id and no internals, and logs the detail without credentials", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("connect ECONNREFUSED postgresql://app:pw@db:5432/x at /srv/tooltune/lib/server/db.ts"));
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body.error.message).toMatch(/request id [0-9a-f]{8}/);
    expect(body.error.message).not.toMatch(/ECONNREFUSED|postgresql|\/srv/);
    const logged = log.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).toContain(body.error.requestId);
    expect(logged).toContain("postgresql://***@db");
    expect(logged).not.toContain("pw@");
    log.mockRestore();
  });
});

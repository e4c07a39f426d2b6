// The examples list's text search at 5,000 examples, through the database's index (SQLite FTS5,
// PostgreSQL pg_trgm): the right examples, combined with the other filters and pages, and rows written
// by the import commit and by the editor found by their new text.
import { copyFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as neighbours from "@/app/api/projects/[projectId]/examples/[exampleId]/neighbours/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import { write as writeRouter } from "@/lib/formats/router";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { createTool } from "@/lib/server/tools/tools";
import { SEARCH_COUNT_CAP } from "@/lib/server/examples/search";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, routerExample, testFilesDir } from "./helpers";
import { insertExamples } from "./bulk-examples";

const N = 5_000;
let projectId = "";

/** Every 50th example mentions a zebra (100 in all); every 7th of those is a no_tool decline. */
const text = (i: number) => (i % 50 === 0 ? `My ZEBRA-${i} parcel never came` : `where is order ORD-${String(i).padStart(5, "0")}?`);
const isZebra = (i: number) => i % 50 === 0;
const kindOf = (i: number) => (i % 7 === 0 ? "no_tool" : "tool_calls");
const splitOf = (i: number) => (i % 3 === 0 ? "validation" : "train");

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Search at scale" } })).json.id;
  const author = await resolveAuthor("Search tests");
  for (const t of customerSupport.tools) await createTool(projectId, t, author);
  await insertExamples(projectId, N, (i) => ({
    ...routerExample(text(i), kindOf(i) === "no_tool" ? { noTool: "not about an order" } : { tool: "track_order", args: { order_id: "ORD-00001" } }),
    split: splitOf(i),
  }));
}, 120_000);

afterAll(() => disconnectDb());

async function list(query: Record<string, string>) {
  const r = await call(examples.GET, "GET", { params: { projectId }, query });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { items: { id: string; number: number; request: string }[]; total: number; totalIsLowerBound: boolean };
}

const zebras = Array.from({ length: N }, (_, i) => i).filter(isZebra);

describe("text search in the examples list at 5,000 examples", () => {
  it("finds exactly the examples whose text contains the word, case-insensitively, in number order", async () => {
    const r = await list({ q: "ZeBrA", pageSize: "200" });
    expect(r.total).toBe(zebras.length);
    expect(r.items.map((e) => e.number)).toEqual(zebras.map((i) => i + 1));
  });

  it("matches inside words and across spaces, as the search box always did", async () => {
    const inside = await list({ q: "ebra-1", pageSize: "200" }); // ZEBRA-100, ZEBRA-1000 … ZEBRA-1950
    expect(inside.items.map((e) => e.number)).toEqual(zebras.filter((i) => String(i).startsWith("1")).map((i) => i + 1));
    const phrase = await list({ q: "parcel   never", pageSize: "200" });
    expect(phrase.total).toBe(zebras.length);
    expect((await list({ q: "never parcel" })).total).toBe(0);
  });

  it("combines with the split and kind filters and pages through the matches", async () => {
    const expected = zebras.filter((i) => splitOf(i) === "train" && kindOf(i) === "no_tool").map((i) => i + 1);
    expect(expected.length).toBeGreaterThan(3);
    const all = await list({ q: "zebra", split: "train", kind: "no_tool", pageSize: "200" });
    expect(all.items.map((e) => e.number)).toEqual(expected);
    const page2 = await list({ q: "zebra", split: "train", kind: "no_tool", pageSize: "2", page: "2" });
    expect(page2.total).toBe(expected.length);
    expect(page2.items.map((e) => e.number)).toEqual(expected.slice(2, 4));
    const tool = await list({ q: "zebra", tool: "track_order", pageSize: "200" });
    expect(tool.items.map((e) => e.number)).toEqual(zebras.filter((i) => kindOf(i) === "tool_calls").map((i) => i + 1));
  });

  it("counts a common word up to the cap and says so, and still pages through its matches in number order", async () => {
    const orders = Array.from({ length: N }, (_, i) => i).filter((i) => !isZebra(i)); // 4,900 "where is order …"
    const first = await list({ q: "where is" });
    expect({ total: first.total, totalIsLowerBound: first.totalIsLowerBound }).toEqual({ total: SEARCH_COUNT_CAP, totalIsLowerBound: true });
    const past = await list({ q: "where is", pageSize: "50", page: "30" }); // beyond the 1,000 counted
    expect(past.items.map((e) => e.number)).toEqual(orders.slice(1450, 1500).map((i) => i + 1));
    const exact = await list({ q: "zebra" });
    expect({ total: exact.total, totalIsLowerBound: exact.totalIsLowerBound }).toEqual({ total: zebras.length, totalIsLowerBound: false });
    const unfiltered = await list({});
    expect({ total: unfiltered.total, totalIsLowerBound: unfiltered.totalIsLowerBound }).toEqual({ total: N, totalIsLowerBound: false });
  });

  it("still answers searches shorter than the index's 3 characters, and quotes do no harm", async () => {
    expect((await list({ q: "zе" })).total).toBe(0); // a Cyrillic "е": no match, no error
    expect((await list({ q: "A-" })).total).toBe(zebras.length); // only "zebra-…" has an "a" before a "-"
    expect((await list({ q: '"zebra' })).total).toBe(0);
  });

  it("moves to the previous and next match within the search", async () => {
    const second = (await list({ q: "zebra", pageSize: "3" })).items[1];
    const r = await call(neighbours.GET, "GET", { params: { projectId, exampleId: second.id }, query: { q: "zebra" } });
    const numberOf = async (id: string) => (await db().example.findUniqueOrThrow({ where: { id } })).number;
    expect([await numberOf(r.json.previousId), await numberOf(r.json.nextId)]).toEqual([zebras[0] + 1, zebras[2] + 1]);
  });

  it("finds an example saved in the editor by its new text, and no longer by its old", async () => {
    const target = (await list({ q: "ord-00007" })).items[0];
    const stored = await call(example.GET, "GET", { params: { projectId, exampleId: target.id } });
    const messages = routerExample("the okapi ate my receipt", { noTool: "nothing to look up" }).messages;
    const r = await call(example.PUT, "PUT", { params: { projectId, exampleId: target.id }, body: { version: stored.json.version, messages } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect((await list({ q: "okapi" })).items.map((e) => e.id)).toEqual([target.id]);
    expect((await list({ q: "ord-00007" })).total).toBe(0);
  });

  it("no longer finds a deleted example", async () => {
    const [first, ...rest] = (await list({ q: "zebra-4950" })).items;
    expect(rest).toEqual([]);
    expect((await call(example.DELETE, "DELETE", { params: { projectId, exampleId: first.id } })).status).toBe(204);
    expect((await list({ q: "zebra-4950" })).total).toBe(0);
    expect((await list({ q: "zebra" })).total).toBe(zebras.length - 1);
  });

  it("finds examples the import commit wrote", async () => {
    const dir = testFilesDir();
    const file = path.join(dir, `search-import-${Date.now()}.jsonl`);
    const lines = [0, 1, 2].map((k) => JSON.stringify(writeRouter(routerExample(`a narwhal took parcel ${k}`, { tool: "track_order", args: { order_id: `ORD-0000${k}` } }))));
    writeFileSync(file, lines.join("\n") + "\n");
    const local = `${file}.copy`;
    copyFileSync(file, local);
    const author = await resolveAuthor("Importer");
    const id = await registerImport(projectId, { fileName: path.basename(file), filePath: local, fileBytes: statSync(local).size, format: "auto" }, author);
    await analyseImport(id);
    const c = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: true } });
    expect(c.status, JSON.stringify(c.json)).toBe(200);
    await commitImport(id);
    const found = await list({ q: "NARWHAL" });
    expect(found.total).toBe(3);
    expect(found.items.map((e) => e.request)).toEqual(["a narwhal took parcel 0", "a narwhal took parcel 1", "a narwhal took parcel 2"]);
  });
});

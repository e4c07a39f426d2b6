// Preference pairs from reviewed generations, on a hand-built generation: the teacher's candidates
// as accepted drafts, then what reviewers did with them. A reviewed candidate whose answer changed is a
// pair (chosen: the review, rejected: the teacher's answer, for the same prompt); one kept as written,
// one whose request was rewritten and one still a draft are not, and each is counted by why.
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as pairsRoute from "@/app/api/projects/[projectId]/generations/[generationId]/preference-pairs/route";
import * as countsRoute from "@/app/api/projects/[projectId]/generations/[generationId]/preference-pairs/counts/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import type { Message } from "@/lib/schemas/example";
import { preferenceLineProblem } from "../support/openai-server/validate";
import { sessionCookie } from "../support/auth";
import { call, routerExample } from "./helpers";

const track = (request: string, orderId: string) => routerExample(request, { tool: "track_order", args: { order_id: orderId } }).messages as Message[];
const noTool = (request: string, reason: string) => routerExample(request, { noTool: reason }).messages as Message[];

async function handBuilt() {
  const pid = (await call(projects.POST, "POST", { body: { name: "Generation pairs" } })).json.id as string;
  const author = await resolveAuthor("Pair tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  const gen = await db().generation.create({
    data: { projectId: pid, status: "succeeded", backend: "openai", model: "gpt-4.1-nano", config: "{}", tag: "gen:pairs001", total: 5, done: 5, accepted: 5 },
  });
  // [teacher's candidate, what the example is now, its review state]
  const cases: [Message[], Message[], "draft" | "reviewed"][] = [
    [track("Where is ORD-10001?", "ORD-10001"), track("Where is ORD-10001?", "ORD-10001"), "reviewed"], // kept as written
    [track("Where is my order ord 10002?", "ord 10002"), track("Where is my order ord 10002?", "ORD-10002"), "reviewed"], // arguments fixed
    [track("Where is my order?", "ORD-00000"), noTool("Where is my order?", "underspecified: need order_id"), "reviewed"], // made-up id: no_tool
    [track("Track ORD-10004", "ORD-10004"), track("Track ORD-10004 please", "ORD-10004"), "reviewed"], // request rewritten
    [track("Where is ORD-10005?", "ORD-1005"), track("Where is ORD-10005?", "ORD-10005"), "draft"], // not reviewed yet
  ];
  for (const [i, [candidate, now, reviewState]] of cases.entries()) {
    const item = await db().generationItem.create({
      data: { generationId: gen.id, itemKey: `track_order.positive.${i}`, position: i, tool: "track_order", kind: "positive", status: "answered", outcome: "accepted", raw: "{}", candidate: JSON.stringify(candidate) },
    });
    const ex = await createExample(pid, { messages: candidate, tags: [gen.tag] }, author);
    await db().example.update({ where: { id: ex.id }, data: { generationItemId: item.id, messages: JSON.stringify(now), reviewState } });
    await db().generationItem.update({ where: { id: item.id }, data: { exampleId: ex.id } });
  }
  return { pid, generationId: gen.id };
}

async function download(pid: string, generationId: string, format: string) {
  const req = new Request(`http://test.local/api?format=${format}`, { headers: { cookie: await sessionCookie("Test Author", "viewer") } });
  const res = await pairsRoute.GET(req, { params: Promise.resolve({ projectId: pid, generationId }) as Promise<never> });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="gen-pairs001-preference-${format}.jsonl"`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await res.text()).trim().split("\n").map((l) => JSON.parse(l)) as any[];
}

describe("preference pairs from reviewed generations", () => {
  it("pairs each reviewed candidate whose answer changed, and counts the others by why", async () => {
    const { pid, generationId } = await handBuilt();
    const counts = await call(countsRoute.GET, "GET", { params: { projectId: pid, generationId }, role: "viewer" });
    expect(counts.status).toBe(200);
    expect(counts.json).toEqual({ pairs: 2, unchanged: 1, promptChanged: 1, unreviewed: 1 });

    const openai = await download(pid, generationId, "openai");
    expect(openai).toHaveLength(2);
    for (const [i, line] of openai.entries()) expect(preferenceLineProblem(line)?.message ?? null, `line ${i + 1}`).toBeNull();
    const [fixed, declined] = openai;
    expect(fixed.input.messages[0].role).toBe("system");
    expect(fixed.input.messages.at(-1)).toEqual({ role: "user", content: "Where is my order ord 10002?" });
    expect(JSON.parse(fixed.preferred_output[0].content)).toEqual({ tool: "track_order", arguments: { order_id: "ORD-10002" } });
    expect(JSON.parse(fixed.non_preferred_output[0].content)).toEqual({ tool: "track_order", arguments: { order_id: "ord 10002" } });
    expect(declined.input.messages.at(-1)).toEqual({ role: "user", content: "Where is my order?" });
    expect(JSON.parse(declined.preferred_output[0].content)).toMatchObject({ tool: "no_tool" });
    expect(JSON.parse(declined.non_preferred_output[0].content)).toEqual({ tool: "track_order", arguments: { order_id: "ORD-00000" } });

    const trl = await download(pid, generationId, "trl");
    expect(trl).toHaveLength(2);
    for (const line of trl) {
      expect(Object.keys(line).sort()).toEqual(["chosen", "prompt", "rejected"]);
      expect(line.prompt.at(-1).role).toBe("user");
      expect(line.chosen).toHaveLength(1);
      expect(line.rejected).toHaveLength(1);
      expect(line.chosen[0].role).toBe("assistant");
    }

    // Reviewing the last draft as it was adds nothing; changing it first adds a pair.
    const draft = await db().example.findFirstOrThrow({ where: { projectId: pid, reviewState: "draft" } });
    await db().example.update({ where: { id: draft.id }, data: { reviewState: "reviewed" } });
    expect((await call(countsRoute.GET, "GET", { params: { projectId: pid, generationId } })).json).toEqual({ pairs: 3, unchanged: 1, promptChanged: 1, unreviewed: 0 });
  });

  it("answers 404 for a generation of another project", async () => {
    const { generationId } = await handBuilt();
    const other = (await call(projects.POST, "POST", { body: { name: "Other" } })).json.id;
    const r = await call(countsRoute.GET, "GET", { params: { projectId: other, generationId } });
    expect(r.status).toBe(404);
  });
});

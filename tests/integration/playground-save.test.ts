// "Save as example" from the playground: what the form builds from a model's answer
// (lib/forms/playground-example.ts) goes through POST /examples like the editor's saves: validated
// against the catalogue, stored with a revision, audited, and refused for a viewer.
import { beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as revisions from "@/app/api/projects/[projectId]/examples/[exampleId]/revisions/route";
import { db } from "@/lib/server/db";
import { draftFromAnswer, exampleFromDraft, type TargetDraft } from "@/lib/forms/playground-example";
import type { PlaygroundAnswerDto } from "@/lib/schemas/evals";
import { call, orderSchema } from "./helpers";

let projectId = "";
const answer = (parsed: PlaygroundAnswerDto["parsed"]) => ({ parsed, error: null });

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: `Playground saves ${Math.random().toString(36).slice(2, 8)}` } })).json.id;
  await call(tools.POST, "POST", { params: { projectId }, body: { name: "track_order", description: "Look up an order", parameters: orderSchema } });
});

const save = (draft: TargetDraft, split: "gold" | "train", role?: "viewer" | "editor") => {
  const built = exampleFromDraft({ request: "Where is my order ORD-48213?", draft, split, tags: ["playground"] });
  expect(built.issues).toEqual([]);
  return call(examples.POST, "POST", { params: { projectId }, body: built.input, author: "Playground Saver", role });
};

describe("saving a playground answer as an example", () => {
  it("stores the answer's call in the chosen split as a labelled example with a first revision and an audit event", async () => {
    const since = new Date();
    const { draft } = draftFromAnswer(answer({ kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-48213" } }] }));
    const r = await save(draft, "gold", "editor");
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ split: "gold", reviewState: "labelled", invalid: false, tags: ["playground"], createdBy: "Playground Saver" });
    expect(r.json.messages.at(-1)).toMatchObject({ role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-48213" } }] } });
    const revs = (await call(revisions.GET, "GET", { params: { projectId, exampleId: r.json.id } })).json;
    expect(revs.map((v: { version: number }) => v.version)).toEqual([1]);
    const events = await db().auditEvent.findMany({ where: { at: { gte: since }, action: "examples.write", projectId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "ok", actorLabel: expect.stringContaining("playground-saver") });
  });

  it("validates the edited target against the catalogue: arguments the tool's schema refuses make an invalid example with the argument named", async () => {
    const r = await save({ kind: "tool_calls", calls: [{ name: "track_order", argsText: '{"order_id": "48213"}' }] }, "train");
    expect(r.status).toBe(201);
    expect(r.json.invalid).toBe(true);
    expect(r.json.reviewState).toBe("draft");
    expect(r.json.issues.map((i: { path: string }) => i.path)).toContain("messages.1.calls.0.arguments.order_id");
  });

  it("stores a no_tool answer with its reason, and refuses a viewer", async () => {
    const { draft } = draftFromAnswer(answer({ kind: "no_tool", reason: "out of scope" }));
    const r = await save(draft, "train");
    expect(r.json).toMatchObject({ invalid: false, messages: [{ role: "user" }, { role: "assistant", decision: { kind: "no_tool", reason: "out of scope" } }] });
    const before = await db().example.count({ where: { projectId } });
    expect((await save(draft, "train", "viewer")).status).toBe(403);
    expect(await db().example.count({ where: { projectId } })).toBe(before);
  });
});

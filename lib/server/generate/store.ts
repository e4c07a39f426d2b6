// Writes of a generation's outcomes. Each item is judged once: the write that sets its outcome
// only touches an item without one, and the counters move in the same transaction.
import type { Message } from "../../schemas/example";
import type { RejectionReason } from "../../schemas/generate";
import { dedupeKey } from "../../generate/candidate";
import { db } from "../db";
import { jsonText } from "../json-text";
import { validationContext } from "../examples/context";
import { deriveColumns } from "../examples/derive";
import { snapshotOf } from "../examples/examples";
import { validateMessages, type ValidationContext } from "../../validation/example";

/** What a generation must not repeat: normalised requests (from the project, or from this generation) and, per tool, the accepted requests in order. */
export interface Seen {
  keys: Map<string, "project" | "generation">;
  byTool: Map<string, string[]>;
}

const PAGE = 5_000;
/** Lanes write at once (SQLite serialises them): wait for the connection longer than Prisma's 2 s default. */
const TX = { maxWait: 15_000, timeout: 30_000 };

export async function loadSeen(projectId: string, generationId: string): Promise<Seen> {
  const keys = new Map<string, "project" | "generation">();
  const ours = await db().generationItem.findMany({
    where: { generationId, outcome: "accepted" },
    orderBy: { position: "asc" },
    select: { id: true, tool: true, request: true },
  });
  const ourIds = new Set(ours.map((o) => o.id));
  // Every user turn of every example, a page at a time (keyset on id): projects of 100,000 examples fit.
  let cursor: string | undefined;
  for (;;) {
    const page = await db().example.findMany({
      where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, request: true, generationItemId: true },
    });
    for (const e of page) {
      const k = dedupeKey(e.request);
      if (k !== "" && !keys.has(k)) keys.set(k, e.generationItemId && ourIds.has(e.generationItemId) ? "generation" : "project");
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  const byTool = new Map<string, string[]>();
  for (const o of ours) {
    if (!o.request) continue;
    keys.set(dedupeKey(o.request), "generation");
    byTool.set(o.tool, [...(byTool.get(o.tool) ?? []), o.request]);
  }
  return { keys, byTool };
}

export async function reject(
  generationId: string,
  itemId: string,
  reason: RejectionReason,
  detail: string,
  request: string | null,
  opts: { failed?: boolean; attempts?: number } = {},
) {
  await db().$transaction(async (tx) => {
    const r = await tx.generationItem.updateMany({
      where: { id: itemId, outcome: null },
      data: {
        outcome: "rejected",
        reason,
        detail: detail.slice(0, 2000),
        request,
        ...(opts.failed ? { status: "failed", error: detail.slice(0, 2000), attempts: opts.attempts ?? 0 } : {}),
      },
    });
    if (r.count > 0)
      await tx.generation.update({
        where: { id: generationId },
        data: { done: { increment: 1 }, ...(opts.failed ? { failed: { increment: 1 } } : { rejected: { increment: 1 } }) },
      });
  }, TX);
}

const contexts = new Map<string, { at: number; ctx: Promise<ValidationContext> }>();

/** The catalogue as examples are validated against it, read once a few seconds (not once per candidate). */
function contextOf(projectId: string): Promise<ValidationContext> {
  const hit = contexts.get(projectId);
  if (hit && Date.now() - hit.at < 5_000) return hit.ctx;
  const ctx = validationContext(projectId);
  contexts.set(projectId, { at: Date.now(), ctx });
  return ctx;
}

/** The candidate becomes a draft example tagged with the generation, linked to its item. */
export async function accept(
  gen: { id: string; projectId: string; tag: string; createdById: string | null },
  itemId: string,
  request: string,
  messages: Message[],
) {
  const ctx = await contextOf(gen.projectId);
  const issues = validateMessages(messages, ctx);
  const derived = deriveColumns(messages);
  await db().$transaction(async (tx) => {
    const claimed = await tx.generationItem.updateMany({
      where: { id: itemId, outcome: null },
      data: { outcome: "accepted", request, candidate: jsonText(messages) },
    });
    if (claimed.count === 0) return; // judged already (a duplicate delivery)
    const p = await tx.project.update({
      where: { id: gen.projectId },
      data: { nextExampleNumber: { increment: 1 } },
      select: { nextExampleNumber: true },
    });
    const row = await tx.example.create({
      data: {
        projectId: gen.projectId,
        number: p.nextExampleNumber - 1,
        messages: jsonText(messages),
        ...derived,
        split: "unassigned",
        reviewState: "draft",
        tags: jsonText([gen.tag]),
        source: "generated",
        invalid: issues.length > 0,
        issues: jsonText(issues),
        validatedVersion: (ctx as { catalogueVersion?: number }).catalogueVersion ?? 0,
        generationItemId: itemId,
        createdById: gen.createdById,
        updatedById: gen.createdById,
      },
    });
    if (gen.createdById)
      await tx.exampleRevision.create({ data: { exampleId: row.id, version: 1, authorId: gen.createdById, snapshot: snapshotOf(row) } });
    await tx.generationItem.update({ where: { id: itemId }, data: { exampleId: row.id } });
    await tx.generation.update({ where: { id: gen.id }, data: { accepted: { increment: 1 }, done: { increment: 1 } } });
  }, TX);
}

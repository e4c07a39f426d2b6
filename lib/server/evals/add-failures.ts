// "Add to training data" on an eval report: each failing result becomes a train example holding the
// gold conversation and the GOLD decision (the answer the model should have given), linked back to the
// result it came from (Example.fromEvalId / fromEvalResultId). A failure whose conversation and target
// the project already has (outside the gold example itself), or that was added from this result
// before, is skipped and counted. All new rows and their first revisions are written in ONE
// transaction through lib/server/bulk, so 1,000 failures are one short write.
import { createHash } from "node:crypto";
import { canonicalJson } from "../../datasets/tool-plan";
import { messagesSchema, type Message } from "../../schemas/example";
import { addFailuresSchema, type AddFailures, type AddFailuresResultDto, type FailureVerdict } from "../../schemas/eval-failures";
import { decisionFromGold } from "../../scoring/gold";
import { compileContext, validateMessages } from "../../validation/example";
import { newRowId, selectRows, writeSteps, type Row } from "../bulk";
import { db } from "../db";
import { AppError } from "../errors";
import { jsonText } from "../json-text";
import { validationContext } from "../examples/context";
import { deriveColumns, reviewStateAfterSave } from "../examples/derive";
import { refreshSearchIndex } from "../examples/search";
import { failureRows, requireEvalOf, type FailureRow } from "./failures";

/** Tags every added example carries, so the examples list can show them ("eval-failure" and the verdict). */
export const FAILURE_TAG = "eval-failure";

/** The conversation a failure teaches: the turns that were sent, then the gold decision. */
export function trainingMessagesOf(row: Pick<FailureRow, "messages" | "gold">): Message[] {
  return messagesSchema.parse([...row.messages, { role: "assistant", decision: decisionFromGold(row.gold), weight: 1 }]);
}

/** Same system prompt, same turns, same target: key order and defaults do not matter. */
export function conversationKey(system: string | null, messages: unknown): string {
  return createHash("sha256")
    .update(`${system ?? ""}\u0000${canonicalJson(messages)}`)
    .digest("hex");
}

const IN_CHUNK = 500;

/** The ids of the project's examples by conversation key, among those that share a request with the candidates. */
async function existingKeys(projectId: string, contentHashes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(contentHashes)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    const rows = await selectRows<{ id: string; messages: string; systemPrompt: string | null }>(
      `SELECT "id", "messages", "systemPrompt" FROM "Example" WHERE "projectId" = ? AND "contentHash" IN (${chunk.map(() => "?").join(", ")})`,
      [projectId, ...chunk],
    );
    for (const r of rows) {
      const parsed = messagesSchema.safeParse(JSON.parse(r.messages));
      if (!parsed.success) continue;
      const key = conversationKey(r.systemPrompt, parsed.data);
      out.set(key, [...(out.get(key) ?? []), r.id]);
    }
  }
  return out;
}

async function alreadyLinked(projectId: string, evalId: string): Promise<Set<string>> {
  const rows = await db().example.findMany({ where: { projectId, fromEvalId: evalId }, select: { fromEvalResultId: true } });
  return new Set(rows.map((r) => r.fromEvalResultId).filter((x): x is string => x !== null));
}

export async function addFailuresToTraining(
  projectId: string,
  evalId: string,
  input: AddFailures,
  authorId: string,
): Promise<AddFailuresResultDto> {
  const body = addFailuresSchema.parse(input);
  await requireEvalOf(projectId, evalId);
  const rows: FailureRow[] = [];
  for await (const page of failureRows(evalId, body)) rows.push(...page);
  if (body.resultIds && rows.length === 0)
    throw new AppError("validation_failed", "resultIds: none of these results is an answered failure of this eval", { field: "resultIds" });
  const out: AddFailuresResultDto = { created: 0, skipped: 0, byVerdict: {}, examples: [] };
  const tally = (v: FailureVerdict, k: "created" | "skipped") => {
    const t = (out.byVerdict[v] ??= { created: 0, skipped: 0 });
    t[k] += 1;
    out[k] += 1;
  };
  const context = await validationContext(projectId);
  const ctx = compileContext(context);
  const candidates = rows.map((r) => {
    const messages = trainingMessagesOf(r);
    return { row: r, messages, derived: deriveColumns(messages), key: conversationKey(r.system, messages) };
  });
  const existing = await existingKeys(
    projectId,
    candidates.map((c) => c.derived.contentHash),
  );
  const linked = await alreadyLinked(projectId, evalId);
  const fresh: typeof candidates = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    // The gold example itself has this conversation and target: only another copy counts as present.
    const present = (existing.get(c.key) ?? []).some((id) => id !== c.row.exampleId);
    if (present || linked.has(c.row.id) || seen.has(c.key)) tally(c.row.verdict, "skipped");
    else {
      seen.add(c.key);
      fresh.push(c);
    }
  }
  if (fresh.length === 0) return out;
  const reserved = await db().project.update({
    where: { id: projectId },
    data: { nextExampleNumber: { increment: fresh.length } },
    select: { nextExampleNumber: true },
  });
  let number = reserved.nextExampleNumber - fresh.length;
  const now = new Date();
  const examples: Row[] = [];
  const revisions: Row[] = [];
  for (const c of fresh) {
    const issues = validateMessages(c.messages, ctx);
    const id = newRowId();
    const tags = [FAILURE_TAG, c.row.verdict];
    const reviewState = reviewStateAfterSave({ requested: undefined, stored: undefined, targetKind: c.derived.targetKind, issues });
    const messagesText = jsonText(c.messages);
    examples.push({
      id,
      projectId,
      number: number++,
      messages: messagesText,
      systemPrompt: c.row.system,
      gold: null,
      ...c.derived,
      split: "train",
      reviewState,
      invalid: issues.length > 0,
      issues: jsonText(issues),
      validatedVersion: context.catalogueVersion,
      tags: jsonText(tags),
      source: `eval:${evalId}`,
      fromEvalId: evalId,
      fromEvalResultId: c.row.id,
      version: 1,
      createdById: authorId,
      updatedById: authorId,
      createdAt: now,
      updatedAt: now,
    });
    revisions.push({
      id: newRowId(),
      exampleId: id,
      version: 1,
      snapshot: jsonText({ messages: c.messages, split: "train", reviewState, tags }),
      authorId,
      createdAt: now,
    });
    tally(c.row.verdict, "created");
    if (out.examples.length < 20) out.examples.push({ id, number: number - 1 });
  }
  await writeSteps([
    { insert: "Example", rows: examples },
    { insert: "ExampleRevision", rows: revisions },
  ]);
  await refreshSearchIndex(examples.length).catch((e) =>
    console.warn(`eval ${evalId}: indexing ${examples.length} new examples failed: ${(e as Error).message}`),
  );
  return out;
}

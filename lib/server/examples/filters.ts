import type { ExampleListQuery } from "../../schemas/example";
import { db } from "../db";

/** Review states whose targets count as labelled (the gauge, splits, exports, runs). */
export const LABELLED_STATES = { in: ["labelled", "reviewed"] };

/** What may be trained on: labelled or reviewed, and valid against the catalogue. */
export const TRAINABLE = { reviewState: LABELLED_STATES, invalid: false };

/** A routing no_tool decision without a reason that the project's output style requires (validation put an issue on it). */
export const NEEDS_REASON = { needsReason: true, issues: { contains: '.reason"' } };

/** The Prisma `where` for the example list's filters; every filter is an indexed column or a contains on a derived one. */
export function listWhere(projectId: string, q: Partial<ExampleListQuery>) {
  const where: Record<string, unknown> = { projectId };
  if (q.tool) where.targetTools = { contains: `,${q.tool},` };
  // Tags are stored as a JSON array: the quoted tag matches one whole element.
  if (q.tag) where.tags = { contains: JSON.stringify(q.tag) };
  if (q.author) where.updatedById = q.author;
  // Routing decisions (replies to a user message), as the gauge counts them: no_tool lists examples
  // with a routing no_tool decision, tool_calls those with a routing tool call (a decision that is
  // not no_tool), wherever it is in the conversation; an answer after a tool result, or a chained
  // call, is a follow-up. unlabelled goes by the final turn (nothing to train on yet).
  if (q.kind === "no_tool") where.routingNoToolCount = { gt: 0 };
  else if (q.kind === "tool_calls") where.routingCount = { gt: db().example.fields.routingNoToolCount };
  else if (q.kind) where.targetKind = q.kind;
  if (q.split) where.split = q.split;
  if (q.review) where.reviewState = q.review;
  if (q.invalid) where.invalid = q.invalid === "true";
  // needsReason is derived without the output style; the stored reason issue says the style wants one.
  if (q.needsReason === "true") Object.assign(where, NEEDS_REASON);
  const text = q.q?.toLowerCase().replace(/\s+/g, " ").trim();
  if (text) where.searchText = { contains: text };
  return where as { projectId: string };
}

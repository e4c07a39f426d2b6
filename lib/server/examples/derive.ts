// The columns an example stores next to its messages, derived here and nowhere else.
import { createHash } from "node:crypto";
import type { ReviewState } from "../../schemas/common";
import type { Issue } from "../../schemas/common";
import type { Decision, Message, TargetKind } from "../../schemas/example";
import { AppError } from "../errors";
import { decisionRoles } from "../../decision-roles";

export { decisionRoles, type DecisionRole } from "../../decision-roles";

export interface DerivedColumns {
  request: string;
  searchText: string;
  targetKind: TargetKind;
  targetTools: string;
  decisionCount: number;
  noToolCount: number;
  /** Labelled, weighted decisions that reply to a user message (tool calls or no_tool). */
  routingCount: number;
  routingNoToolCount: number;
  /** Labelled, weighted decisions that follow a tool result: answers that use it, or chained calls. */
  followUpCount: number;
  followUpCallCount: number;
  /** A routing no_tool decision whose reason is still blank (a plain reply imported into a router project). */
  needsReason: boolean;
  derivedVersion: number;
  contentHash: string;
}

/** Bump when deriveColumns changes what it stores: rows with an older derivedVersion are recomputed after migrating. */
export const DERIVED_VERSION = 2;

/** The same request typed with other spacing or case is the same request (for duplicate detection). */
export function normaliseText(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

export function finalDecision(messages: readonly Message[]): Decision {
  const last = messages.at(-1);
  return last?.role === "assistant" ? last.decision : { kind: "unlabelled" };
}

export function deriveColumns(messages: readonly Message[]): DerivedColumns {
  const users = messages.filter((m) => m.role === "user");
  const request = users.at(-1)?.content ?? "";
  const tools = new Set<string>();
  const text: string[] = users.map((m) => m.content);
  let decisionCount = 0;
  let noToolCount = 0;
  const counts = { routingCount: 0, routingNoToolCount: 0, followUpCount: 0, followUpCallCount: 0 };
  let needsReason = false;
  const roles = decisionRoles(messages);
  messages.forEach((m, i) => {
    if (m.role !== "assistant") return;
    const d = m.decision;
    if (d.kind === "tool_calls") for (const c of d.calls) if (c.name) tools.add(c.name);
    if (d.kind === "no_tool") text.push(d.reason);
    if (m.content) text.push(m.content);
    const routing = roles[i] === "routing";
    // A context turn (weight 0) is never trained on, so its reply text needs no reason.
    if (routing && d.kind === "no_tool" && d.reason.trim() === "" && m.weight !== 0) needsReason = true;
    if (d.kind !== "unlabelled" && m.weight !== 0) {
      decisionCount += 1;
      if (d.kind === "no_tool") noToolCount += 1;
      if (routing) {
        counts.routingCount += 1;
        if (d.kind === "no_tool") counts.routingNoToolCount += 1;
      } else {
        counts.followUpCount += 1;
        if (d.kind === "tool_calls") counts.followUpCallCount += 1;
      }
    }
  });
  const hashInput = messages
    .filter((m) => m.role === "user")
    .map((m) => normaliseText(m.content))
    .join("\u0000");
  return {
    request: request.slice(0, 2000),
    searchText: normaliseText(text.join(" \u2022 ")).slice(0, 8000),
    targetKind: finalDecision(messages).kind,
    targetTools: tools.size > 0 ? `,${[...tools].join(",")},` : "",
    decisionCount,
    noToolCount,
    ...counts,
    needsReason,
    derivedVersion: DERIVED_VERSION,
    contentHash: createHash("sha256").update(hashInput).digest("hex"),
  };
}

/**
 * The review state a save ends in. Unlabelled or invalid targets are drafts (saved, never lost, but
 * flagged); a labelled, valid target moves a draft to "labelled" unless the user chose a state.
 */
export function reviewStateAfterSave(opts: {
  requested: ReviewState | undefined;
  stored: ReviewState | undefined;
  targetKind: TargetKind;
  issues: readonly Issue[];
}): ReviewState {
  const { requested, stored, targetKind, issues } = opts;
  if (targetKind === "unlabelled") {
    if (requested && requested !== "draft") {
      throw new AppError("validation_failed", "reviewState: label the target (a tool call or no_tool) before marking it " + requested, {
        field: "reviewState",
        issues: [{ path: "reviewState", message: `label the target before marking it ${requested}` }],
      });
    }
    return "draft";
  }
  if (issues.length > 0) return "draft";
  if (requested) return requested;
  return !stored || stored === "draft" ? "labelled" : stored;
}

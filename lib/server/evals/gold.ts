// The gold set an eval (or `tooltune score --project`) runs: each example's conversation up to its
// last routing decision (the reply to a user message: tool calls or no_tool), and that decision as a
// gold target (with BFCL alternatives when it is the final turn and the example has them). Follow-ups
// (the answer after a tool result, or a chained call) are not routing and are not scored: the eval's
// four numbers count routing decisions, and the follow-ups the examples hold are counted apart.
import type { AssistantMessage, Message } from "../../schemas/example";
import type { FollowUpsDto } from "../../schemas/stats";
import { followUpsOf } from "../../gauge";
import type { OutputStyle, Split } from "../../schemas/common";
import type { GoldAnswer } from "../../formats/types";
import { goldFromDecision } from "../../scoring/gold";
import { goldLabel } from "../../scoring/labels";
import type { GoldTarget } from "../../scoring/types";
import { db } from "../db";
import { AppError } from "../errors";
import { listWhere, TRAINABLE } from "../examples/filters";
import { parseMessages } from "../examples/dto";
import { parseJsonText } from "../json-text";
import { decisionRoles } from "../examples/derive";
import { loadCatalogue } from "./targets";

export interface GoldItem {
  exampleId: string;
  number: number;
  request: string;
  /** The example's own system prompt; null means the project's. */
  system: string | null;
  /** The turns before the scored (routing) decision. */
  turns: Message[];
  gold: GoldTarget;
  goldLabel: string;
}

export interface GoldSet {
  style: OutputStyle;
  parallelToolCalls: boolean;
  system: string;
  tools: { name: string; description: string; parameters: Record<string, unknown> }[];
  catalogueVersion: number;
  items: GoldItem[];
  /** Follow-up decisions of the chosen examples: not scored, reported apart. */
  followUps: FollowUpsDto;
}

export interface GoldSelection {
  split?: string;
  /** Only examples whose target calls this tool, or only one kind of target. */
  only?: { tool: string } | { kind: "tool_calls" | "no_tool" };
  exampleIds?: string[];
}

/** "gold", "gold · track_order", "gold · no_tool only", "selection". */
export function selectionLabel(sel: GoldSelection): string {
  if (sel.exampleIds) return "selection";
  const split = sel.split ?? "gold";
  if (!sel.only) return split;
  return "tool" in sel.only ? `${split} · ${sel.only.tool}` : `${split} · ${sel.only.kind} only`;
}

/** The index of the last labelled, weighted routing decision: the one the gauge counts last. */
function lastRoutingDecision(messages: readonly Message[]): number {
  const roles = decisionRoles(messages);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (roles[i] === "routing" && m.role === "assistant" && m.decision.kind !== "unlabelled" && m.weight !== 0) return i;
  }
  return -1;
}

/** Splits a stored conversation into what is sent and what is expected; null when no routing decision is labelled. */
export function toGoldItem(row: { id: string; number: number; request: string; messages: string; systemPrompt: string | null; gold: string | null }): GoldItem | null {
  const messages = parseMessages(parseJsonText(row.messages));
  const at = lastRoutingDecision(messages);
  if (at < 0) return null;
  const target = messages[at] as AssistantMessage;
  // BFCL alternatives describe the example's final turn; an earlier routing decision is its own label.
  const alternatives = row.gold && at === messages.length - 1 ? parseJsonText<GoldAnswer[]>(row.gold) : null;
  const gold = goldFromDecision(target.decision, alternatives);
  const turns = messages.slice(0, at);
  const request = turns.findLast((m) => m.role === "user")?.content.slice(0, 2000) ?? row.request;
  return { exampleId: row.id, number: row.number, request, system: row.systemPrompt, turns, gold, goldLabel: goldLabel(gold) };
}

/** With a "kind" or "tool" selection, the scored decision itself must match (not only the final turn). */
function matches(item: GoldItem, only: GoldSelection["only"]): boolean {
  if (!only) return true;
  if ("kind" in only) return item.gold.kind === only.kind;
  return item.gold.kind === "tool_calls" && item.gold.calls.some((c) => c.name === only.tool);
}

/** The labelled, valid examples of a split (or the chosen ones), in number order, with the catalogue they are asked with. */
export async function loadGoldSet(projectId: string, sel: GoldSelection): Promise<GoldSet> {
  const catalogue = await loadCatalogue(projectId);
  const where = sel.exampleIds
    ? { projectId, id: { in: sel.exampleIds }, ...TRAINABLE }
    : { ...listWhere(projectId, { split: (sel.split ?? "gold") as Split, ...(sel.only ?? {}) }), ...TRAINABLE };
  const rows = await db().example.findMany({
    where,
    orderBy: { number: "asc" },
    select: { id: true, number: true, request: true, messages: true, systemPrompt: true, gold: true, followUpCount: true, followUpCallCount: true },
  });
  const items: GoldItem[] = [];
  let followUps = 0;
  let chained = 0;
  for (const row of rows) {
    const item = toGoldItem(row);
    if (!item || !matches(item, sel.only)) continue;
    items.push(item);
    followUps += row.followUpCount;
    chained += row.followUpCallCount;
  }
  if (items.length === 0) {
    const only = !sel.only ? "" : "tool" in sel.only ? ` calling ${sel.only.tool}` : ` with a ${sel.only.kind} target`;
    const what = sel.exampleIds ? "none of the chosen examples is" : `the ${sel.split ?? "gold"} split has no example${only} that is`;
    throw new AppError("validation_failed", `${what} labelled and valid: label examples and put them in the gold split under Data first`, { field: sel.exampleIds ? "exampleIds" : "split" });
  }
  return { ...catalogue, items, followUps: followUpsOf(followUps, chained) };
}

// The gold set an eval (or `tooltune score --project`) runs: each example's conversation up to its
// final decision, and that decision as a gold target (with BFCL alternatives when the example has them).
import type { Message } from "../../schemas/example";
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
import { loadCatalogue } from "./targets";

export interface GoldItem {
  exampleId: string;
  number: number;
  request: string;
  /** The example's own system prompt; null means the project's. */
  system: string | null;
  /** The turns before the final decision. */
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

/** Splits a stored conversation into what is sent and what is expected; null when the last turn is not labelled. */
export function toGoldItem(row: { id: string; number: number; request: string; messages: string; systemPrompt: string | null; gold: string | null }): GoldItem | null {
  const messages = parseMessages(parseJsonText(row.messages));
  const last = messages.at(-1);
  if (!last || last.role !== "assistant" || last.decision.kind === "unlabelled") return null;
  const alternatives = row.gold ? parseJsonText<GoldAnswer[]>(row.gold) : null;
  const gold = goldFromDecision(last.decision, alternatives);
  return { exampleId: row.id, number: row.number, request: row.request, system: row.systemPrompt, turns: messages.slice(0, -1), gold, goldLabel: goldLabel(gold) };
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
    select: { id: true, number: true, request: true, messages: true, systemPrompt: true, gold: true },
  });
  const items = rows.map(toGoldItem).filter((x): x is GoldItem => x !== null);
  if (items.length === 0) {
    const only = !sel.only ? "" : "tool" in sel.only ? ` calling ${sel.only.tool}` : ` with a ${sel.only.kind} target`;
    const what = sel.exampleIds ? "none of the chosen examples is" : `the ${sel.split ?? "gold"} split has no example${only} that is`;
    throw new AppError("validation_failed", `${what} labelled and valid: label examples and put them in the gold split under Data first`, { field: sel.exampleIds ? "exampleIds" : "split" });
  }
  return { ...catalogue, items };
}

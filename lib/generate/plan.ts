// Which items a generation asks for, and what that is estimated to cost. Pure.
import type { CostEstimate, GenerationKind, GenerationTool, PlanItem } from "../schemas/generate";
import { GENERATION_KINDS } from "../schemas/generate";
import type { TokenPricing } from "../scoring/types";
import { AVOID_LIMIT, itemKey, itemPrompt, systemPrompt } from "./prompt";

export type Plan = Record<string, Record<GenerationKind, number>>;

/** Items in the order they are asked: round-robin over tools and kinds, so a cancelled run still covers every tool. */
export function planItems(plan: Plan): PlanItem[] {
  const queues = Object.entries(plan).flatMap(([tool, counts]) => GENERATION_KINDS.map((kind) => ({ tool, kind, n: counts[kind] ?? 0 })));
  const items: PlanItem[] = [];
  const most = Math.max(0, ...queues.map((q) => q.n));
  for (let index = 0; index < most; index++)
    for (const q of queues) if (index < q.n) items.push({ key: itemKey(q.tool, q.kind, index), tool: q.tool, kind: q.kind, index });
  return items;
}

/** Expected completion tokens of one answer (the JSON the shape asks for). */
export const COMPLETION_TOKENS: Record<GenerationKind, number> = { positive: 70, negative: 80, multi_turn: 200 };
/** About this many tokens per "do not repeat" line. */
const AVOID_LINE_TOKENS = 18;

export const tokensOf = (text: string) => Math.ceil(text.length / 4);

export function estimateCost(plan: Plan, tools: readonly GenerationTool[], pricing: TokenPricing | null): CostEstimate {
  const system = tokensOf(systemPrompt(tools));
  const byName = new Map(tools.map((t) => [t.name, t]));
  let promptTokens = 0;
  let completionTokens = 0;
  const items = planItems(plan);
  const seen = new Map<string, number>();
  for (const item of items) {
    const tool = byName.get(item.tool);
    if (!tool) continue;
    const before = seen.get(item.tool) ?? 0;
    seen.set(item.tool, before + 1);
    promptTokens += system + tokensOf(itemPrompt(item, tool, [])) + Math.min(before, AVOID_LIMIT) * AVOID_LINE_TOKENS;
    completionTokens += COMPLETION_TOKENS[item.kind];
  }
  const usd = pricing ? costUsd(promptTokens, completionTokens, pricing) : null;
  return { requests: items.length, promptTokens, completionTokens, usd, pricing };
}

export function costUsd(promptTokens: number, completionTokens: number, pricing: TokenPricing): number {
  return (promptTokens * pricing.inputPerMillion + completionTokens * pricing.outputPerMillion) / 1_000_000;
}

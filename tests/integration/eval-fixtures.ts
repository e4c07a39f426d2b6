// A hand-built eval: gold items and the model's answers, scored by the real scorer and stored as the
// worker would store them (no worker, no model), for tests of what a report's failures turn into.
import { insertRows, newRowId } from "@/lib/server/bulk";
import { db } from "@/lib/server/db";
import { jsonText } from "@/lib/server/json-text";
import { loadGoldSet } from "@/lib/server/evals/gold";
import { answerColumns } from "@/lib/server/evals/run-eval";
import type { EvalConfig } from "@/lib/schemas/evals";
import type { Message } from "@/lib/schemas/example";
import { goldLabel } from "@/lib/scoring/labels";
import { scoreExample } from "@/lib/scoring/score";
import type { GoldTarget, ModelMessage, RawOutput } from "@/lib/scoring/types";

export interface FixtureItem {
  exampleId: string;
  number: number;
  system?: string | null;
  turns: Message[];
  gold: GoldTarget;
  output: RawOutput;
}

export const routerAnswer = (tool: string, args: Record<string, unknown>): ModelMessage => ({
  content: JSON.stringify({ tool, arguments: args }),
});
export const routerNoTool = (reason: string): ModelMessage => ({ content: JSON.stringify({ tool: "no_tool", reason }) });

/** The project's gold split as an eval would freeze it (config and items), without answers yet. */
export async function goldItems(projectId: string) {
  const set = await loadGoldSet(projectId, { split: "gold" });
  const config: EvalConfig = {
    style: set.style,
    parallelToolCalls: set.parallelToolCalls,
    system: set.system,
    tools: set.tools,
    catalogueVersion: set.catalogueVersion,
    split: "gold",
    concurrency: 4,
    maxTokens: 512,
    pricing: null,
    followUps: set.followUps,
  };
  return { config, items: set.items };
}

/** A finished eval with these answers, each scored and stored; returns its id. */
export async function handBuiltEval(
  projectId: string,
  config: EvalConfig,
  items: FixtureItem[],
  name = "hand-built eval",
): Promise<string> {
  const ev = await db().eval.create({
    data: {
      projectId,
      name,
      backend: "openai",
      model: "gpt-4o-mini",
      status: "succeeded",
      config: jsonText(config),
      total: items.length,
      done: items.length,
      finishedAt: new Date(),
    },
  });
  const now = new Date();
  await insertRows(
    "EvalResult",
    items.map((it, i) => {
      const score = scoreExample({ output: it.output, gold: it.gold, tools: config.tools, style: config.style, mode: "strict" });
      return {
        id: newRowId(),
        evalId: ev.id,
        exampleId: it.exampleId,
        exampleNumber: it.number,
        position: i,
        request: it.turns.findLast((m) => m.role === "user")?.content ?? "",
        system: it.system ?? null,
        messages: jsonText(it.turns),
        gold: jsonText(it.gold),
        goldLabel: goldLabel(it.gold),
        status: "done",
        ...answerColumns(it.output, score),
        attempts: 1,
        answeredAt: now,
      };
    }),
  );
  return ev.id;
}

// Preference pairs from reviewed generations: where a reviewer changed a teacher's candidate before
// marking it reviewed, the reviewed decision is chosen and the teacher's original is rejected, for the
// same prompt. A candidate accepted as it was makes no pair (there is nothing to prefer), nor one whose
// request or earlier turns the reviewer rewrote (the teacher's answer was to another prompt), nor one
// still a draft. Written by lib/formats/preference, like an eval's failure pairs.
import { toOpenAIPreference, toTrlPreference, type PreferencePair, type RawAssistantAnswer } from "../../formats/preference";
import { write as writeOpenAI } from "../../formats/openai";
import type { ToolDef } from "../../formats/types";
import type { PreferenceFormat } from "../../schemas/eval-failures";
import type { GenerationPairCounts } from "../../schemas/generate";
import type { Decision, Message } from "../../schemas/example";
import type { OutputStyle } from "../../schemas/common";
import { db } from "../db";
import { parseMessages } from "../examples/dto";
import { activeCatalogue } from "../projects/catalogue";
import { requireGeneration } from "./generations";

const PAGE = 500;

type Labelled = Exclude<Decision, { kind: "unlabelled" }>;

function split(messages: Message[]): { prompt: Message[]; decision: Labelled | null } {
  const last = messages.at(-1);
  if (last?.role !== "assistant" || last.decision.kind === "unlabelled") return { prompt: messages, decision: null };
  return { prompt: messages.slice(0, -1), decision: last.decision };
}

/** The teacher's decision as a model would have written it in the project's output style. */
function asRawAnswer(decision: Labelled, prompt: Message[], tools: readonly ToolDef[], style: OutputStyle): RawAssistantAnswer {
  const line = writeOpenAI({ messages: [...prompt, { role: "assistant", decision, weight: 1 }] }, tools, { style, system: "" });
  const m = line.messages.at(-1) as { content?: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[] };
  const calls = (m.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
  return calls.length > 0 ? { content: m.content ?? null, tool_calls: calls } : { content: m.content ?? "" };
}

type Verdict = { pair: PreferencePair } | { skip: Exclude<keyof GenerationPairCounts, "pairs"> };

/** Every accepted candidate of the generation, judged page by page. */
async function* judged(projectId: string, generationId: string): AsyncGenerator<Verdict> {
  const { project, tools, prompt: catalogueSystem } = await activeCatalogue(projectId);
  const style: OutputStyle = project.outputStyle === "native_tools" ? "native_tools" : "router_json";
  let after = "";
  for (;;) {
    const items = await db().generationItem.findMany({
      where: { generationId, outcome: "accepted", candidate: { not: null }, exampleId: { not: null }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, candidate: true, exampleId: true },
    });
    if (items.length === 0) return;
    after = items.at(-1)!.id;
    const examples = await db().example.findMany({
      where: { projectId, id: { in: items.map((i) => i.exampleId!) } },
      select: { id: true, number: true, messages: true, systemPrompt: true, reviewState: true },
    });
    const byId = new Map(examples.map((e) => [e.id, e]));
    for (const item of items) {
      const ex = byId.get(item.exampleId!);
      if (!ex) continue; // deleted since
      if (ex.reviewState !== "reviewed") {
        yield { skip: "unreviewed" };
        continue;
      }
      const now = split(parseMessages(ex.messages));
      const teacher = split(parseMessages(item.candidate!));
      if (!now.decision || !teacher.decision) continue;
      if (JSON.stringify(now.prompt) !== JSON.stringify(teacher.prompt)) {
        yield { skip: "promptChanged" };
        continue;
      }
      if (JSON.stringify(now.decision) === JSON.stringify(teacher.decision)) {
        yield { skip: "unchanged" };
        continue;
      }
      yield {
        pair: {
          system: ex.systemPrompt ?? catalogueSystem,
          messages: now.prompt,
          tools,
          chosen: now.decision,
          rejected: asRawAnswer(teacher.decision, now.prompt, tools, style),
          source: { kind: "generation", id: `${generationId}:${item.id}`, label: `example #${ex.number}` },
        },
      };
    }
  }
}

export async function generationPairCounts(projectId: string, idOrTag: string): Promise<GenerationPairCounts> {
  const gen = await requireGeneration(projectId, idOrTag);
  const counts: GenerationPairCounts = { pairs: 0, unchanged: 0, promptChanged: 0, unreviewed: 0 };
  for await (const v of judged(projectId, gen.id)) {
    if ("pair" in v) counts.pairs += 1;
    else counts[v.skip] += 1;
  }
  return counts;
}

/** The generation's pairs as JSONL chunks, in OpenAI's preference format or TRL's. */
export async function* generationPreferenceLines(projectId: string, generationId: string, format: PreferenceFormat): AsyncGenerator<string> {
  const { project } = await activeCatalogue(projectId);
  const style: OutputStyle = project.outputStyle === "native_tools" ? "native_tools" : "router_json";
  const wopts = { style, parallelToolCalls: style === "native_tools" ? project.parallelToolCalls : undefined };
  const write = format === "trl" ? toTrlPreference : toOpenAIPreference;
  let chunk = "";
  for await (const v of judged(projectId, generationId)) {
    if (!("pair" in v)) continue;
    chunk += JSON.stringify(write(v.pair, wopts)) + "\n";
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

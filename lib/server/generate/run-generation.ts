// Worker side: ask the teacher for every item not yet asked, storing each answer the moment it
// arrives. The item row is written BEFORE its request, so a worker that dies never has an item asked
// twice: on resume, an item asked but never answered is marked failed ("interrupted"), and only the
// items without a row are asked. Judging (parse, validate, dedupe, draft) runs from the stored raw
// answer, so an answer stored just before a crash is judged on resume without asking again.
import { setMaxListeners } from "node:events";
import type { GenerationConfig, GenerationTool, PlanItem } from "../../schemas/generate";
import type { ModelTarget as EvalTarget } from "../../schemas/evals";
import { planItems } from "../../generate/plan";
import { itemPrompt, systemPrompt } from "../../generate/prompt";
import { dedupeKey, judgeCandidate } from "../../generate/candidate";
import { db } from "../db";
import { parseJsonText } from "../json-text";
import { callChat, type CallResult } from "../evals/call";
import type { ChatClient } from "../evals/clients";
import { REASONING_MODEL, type ChatParams } from "../evals/request";
import { accept, loadSeen, reject, type Seen } from "./store";

export interface GenerationDeps {
  client: (target: EvalTarget) => Promise<ChatClient>;
}

export const generationLeaseMs = () => Number(process.env.TOOLTUNE_GENERATION_LEASE_MS ?? process.env.TOOLTUNE_EVAL_LEASE_MS ?? 30_000);

export const INTERRUPTED =
  "interrupted: the worker stopped while the teacher was answering; not asked again, so it is never paid for twice";

async function claim(id: string): Promise<boolean> {
  const now = new Date();
  const r = await db().generation.updateMany({
    where: { id, OR: [{ status: "queued" }, { status: "running", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }] },
    data: { status: "running", leaseUntil: new Date(now.getTime() + generationLeaseMs()) },
  });
  if (r.count === 0) return false;
  await db().generation.updateMany({ where: { id, startedAt: null }, data: { startedAt: now } });
  return true;
}

export function teacherRequest(
  config: GenerationConfig,
  target: Pick<EvalTarget, "backend" | "model">,
  item: PlanItem,
  tool: GenerationTool,
  avoid: readonly string[],
): ChatParams {
  const reasoning = target.backend === "openai" && REASONING_MODEL.test(target.model);
  return {
    model: target.model,
    messages: [
      { role: "system", content: systemPrompt(config.tools) },
      { role: "user", content: itemPrompt(item, tool, avoid) },
    ],
    ...(reasoning ? {} : { temperature: config.temperature }),
    ...(target.backend === "openai" ? { max_completion_tokens: config.maxTokens } : { max_tokens: config.maxTokens }),
  };
}

/** The answer as text: the content, or (a teacher that answered with a tool call) that call as JSON. */
function rawText(res: CallResult): string {
  const out = res.output!;
  if (typeof out.content === "string" && out.content.trim() !== "") return out.content;
  if (out.tool_calls && out.tool_calls.length > 0) return JSON.stringify(out.tool_calls.map((c) => c.function));
  return out.content ?? "";
}

export async function runGeneration(id: string, deps: GenerationDeps): Promise<void> {
  if (!(await claim(id))) return;
  const gen = await db().generation.findUniqueOrThrow({ where: { id } });
  const config = parseJsonText<GenerationConfig>(gen.config);
  const target: EvalTarget = { backend: gen.backend as EvalTarget["backend"], endpointId: gen.endpointId ?? undefined, model: gen.model };
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  let fatal: string | null = null;
  let lost = false;

  const heartbeat = setInterval(
    () => {
      void (async () => {
        const r = await db().generation.updateMany({
          where: { id, status: "running" },
          data: { leaseUntil: new Date(Date.now() + generationLeaseMs()) },
        });
        const now = await db().generation.findUnique({ where: { id }, select: { cancelRequested: true } });
        if (r.count === 0) lost = true;
        if (r.count === 0 || now?.cancelRequested) abort.abort();
      })().catch(() => {});
    },
    Math.max(200, Math.min(1_000, generationLeaseMs() / 3)),
  );

  try {
    // Items asked by a worker that died before the answer came: failed, never asked again.
    const interrupted = await db().generationItem.updateMany({
      where: { generationId: id, status: "asked" },
      data: { status: "failed", outcome: "rejected", reason: "request_failed", error: INTERRUPTED },
    });
    if (interrupted.count > 0)
      await db().generation.update({
        where: { id },
        data: { failed: { increment: interrupted.count }, done: { increment: interrupted.count } },
      });

    const tools = new Map(config.tools.map((t) => [t.name, t]));
    const seen: Seen = await loadSeen(gen.projectId, id);
    // Answers stored but not judged (the worker died in between): judged now, from the stored text.
    const unjudged = await db().generationItem.findMany({
      where: { generationId: id, status: "answered", outcome: null },
      orderBy: { position: "asc" },
    });
    for (const row of unjudged) await judge(gen, config, row.id, row.tool, row.kind as PlanItem["kind"], row.raw ?? "", seen);

    const asked = new Set(
      (await db().generationItem.findMany({ where: { generationId: id }, select: { itemKey: true } })).map((r) => r.itemKey),
    );
    const pending = planItems(config.plan)
      .map((item, position) => ({ item, position }))
      .filter(({ item }) => !asked.has(item.key));
    const client = await deps.client(target);
    let next = 0;
    const lane = async () => {
      while (!abort.signal.aborted && next < pending.length) {
        const { item, position } = pending[next++];
        const tool = tools.get(item.tool)!;
        const avoid = seen.byTool.get(item.tool) ?? [];
        // Written before the request: the marker that this item has been asked.
        const row = await db()
          .generationItem.create({
            data: { generationId: id, itemKey: item.key, position, tool: item.tool, kind: item.kind, status: "asked" },
          })
          .catch(() => null); // another worker wrote it first
        if (!row) continue;
        const res = await callChat(client, teacherRequest(config, target, item, tool, avoid), abort.signal);
        if (res.fatal) {
          fatal ??= `the teacher refused the requests: ${res.error}`;
          await reject(id, row.id, "request_failed", res.error ?? "refused", null, { failed: true, attempts: res.attempts });
          abort.abort();
          return;
        }
        if (res.output === null) {
          const why = abort.signal.aborted ? "cancelled while the teacher was answering" : (res.error ?? "no answer");
          await reject(id, row.id, "request_failed", why, null, { failed: true, attempts: res.attempts });
          continue;
        }
        const raw = rawText(res);
        await db().$transaction([
          db().generationItem.update({
            where: { id: row.id },
            data: {
              status: "answered",
              raw,
              attempts: res.attempts,
              promptTokens: res.promptTokens,
              completionTokens: res.completionTokens,
              answeredAt: new Date(),
            },
          }),
          db().generation.update({
            where: { id },
            data: { promptTokens: { increment: res.promptTokens ?? 0 }, completionTokens: { increment: res.completionTokens ?? 0 } },
          }),
        ]);
        await withRetries(() => judge(gen, config, row.id, item.tool, item.kind, raw, seen));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, pending.length)) }, lane));
  } catch (e) {
    fatal ??= `the generation could not run: ${(e as Error).message}`;
  } finally {
    clearInterval(heartbeat);
  }
  if (lost) return;
  const now = await db().generation.findUniqueOrThrow({ where: { id } });
  const status = fatal ? "failed" : now.cancelRequested ? "cancelled" : "succeeded";
  const error = fatal ?? (now.failed > 0 ? `${now.failed} teacher request(s) failed; see the rejected candidates` : null);
  await db().generation.updateMany({ where: { id, status: "running" }, data: { status, error, leaseUntil: null, finishedAt: new Date() } });
}

/** A database hiccup while judging is retried; the answer is stored already, so a failure here leaves it to be judged on resume. */
async function withRetries(fn: () => Promise<void>, tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw e;
      await new Promise((r) => setTimeout(r, 250 * i));
    }
  }
}

type GenRow = { id: string; projectId: string; tag: string; createdById: string | null };

async function judge(gen: GenRow, config: GenerationConfig, itemId: string, tool: string, kind: PlanItem["kind"], raw: string, seen: Seen) {
  const j = judgeCandidate(raw, kind, config.tools);
  if (!j.ok) return reject(gen.id, itemId, j.reason, j.detail, j.request);
  const key = dedupeKey(j.request);
  const prior = seen.keys.get(key);
  if (prior)
    return reject(
      gen.id,
      itemId,
      prior === "project" ? "duplicate_project" : "duplicate_generation",
      `"${j.request}" repeats ${prior === "project" ? "an example already in the project" : "another candidate of this generation"}`,
      j.request,
    );
  // Reserved before the first await of the write: two lanes never accept the same request.
  seen.keys.set(key, "generation");
  try {
    await accept(gen, itemId, j.request, j.messages);
    const list = seen.byTool.get(tool) ?? [];
    list.push(j.request);
    seen.byTool.set(tool, list);
  } catch (e) {
    seen.keys.delete(key);
    throw e;
  }
}

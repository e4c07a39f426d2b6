// Worker side: answer every pending result of an eval with bounded concurrency, storing each as it
// arrives. A worker that dies loses only its in-flight requests: its lease expires, the reconciler
// (or BullMQ's stalled-job check) hands the eval to another worker, which asks only what is pending.
import { setMaxListeners } from "node:events";
import type { EvalConfig, ModelTarget } from "../../schemas/evals";
import type { ExampleScore, GoldTarget, MatchMode } from "../../scoring/types";
import { decisionLabel } from "../../scoring/labels";
import { scoreExample } from "../../scoring/score";
import { db } from "../db";
import { parseMessages } from "../examples/dto";
import { jsonText, parseJsonText } from "../json-text";
import { callChat, type CallResult } from "./call";
import type { ChatClient } from "./clients";
import { summaryOf, type ResultRow } from "./dto";
import { chatRequest } from "./request";

/** The columns an answered result stores: the raw output, what it was read as, and its verdicts. */
export function answerColumns(output: unknown, score: ExampleScore) {
  return {
    output: jsonText(output),
    predictedLabel: decisionLabel(score.parsed),
    verdict: score.verdict,
    valid: score.valid,
    toolCorrect: score.toolCorrect,
    argsCorrect: score.argsCorrect,
    correct: score.correct,
    score: jsonText(score),
  };
}

export interface EvalDeps {
  client: (target: ModelTarget) => Promise<ChatClient>;
}

export const leaseMs = () => Number(process.env.TOOLTUNE_EVAL_LEASE_MS ?? 30_000);

/** Takes the eval if it is queued, or running under an expired lease. False: another worker has it, or it has ended. */
async function claim(evalId: string): Promise<boolean> {
  const now = new Date();
  const r = await db().eval.updateMany({
    where: { id: evalId, OR: [{ status: "queued" }, { status: "running", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }] },
    data: { status: "running", leaseUntil: new Date(now.getTime() + leaseMs()) },
  });
  if (r.count === 0) return false;
  await db().eval.updateMany({ where: { id: evalId, startedAt: null }, data: { startedAt: now } });
  return true;
}

async function store(row: Pick<ResultRow, "id" | "evalId" | "gold">, res: CallResult, config: EvalConfig, mode: MatchMode) {
  if (res.output === null) {
    await db().$transaction([
      db().evalResult.update({ where: { id: row.id }, data: { status: "error", error: res.error, attempts: { increment: res.attempts } } }),
      db().eval.update({ where: { id: row.evalId }, data: { failedRequests: { increment: 1 } } }),
    ]);
    return;
  }
  const score = scoreExample({ output: res.output, gold: parseJsonText<GoldTarget>(row.gold), tools: config.tools, style: config.style, mode });
  // Only a pending row is answered: a duplicate delivery that raced this one does not count twice.
  await db().$transaction(async (tx) => {
    const done = await tx.evalResult.updateMany({
      where: { id: row.id, status: "pending" },
      data: {
        status: "done",
        ...answerColumns(res.output, score),
        latencyMs: res.latencyMs,
        promptTokens: res.promptTokens,
        completionTokens: res.completionTokens,
        attempts: { increment: res.attempts },
        error: null,
        answeredAt: new Date(),
      },
    });
    if (done.count > 0) await tx.eval.update({ where: { id: row.evalId }, data: { done: { increment: 1 } } });
  });
}

export async function runEval(evalId: string, deps: EvalDeps): Promise<void> {
  if (!(await claim(evalId))) return;
  const ev = await db().eval.findUniqueOrThrow({ where: { id: evalId } });
  const config = parseJsonText<EvalConfig>(ev.config);
  const target: ModelTarget = { backend: ev.backend as ModelTarget["backend"], endpointId: ev.endpointId ?? undefined, model: ev.model };
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per request in flight, by design
  let fatal: string | null = null;
  let lost = false;

  // Renew the lease and watch for cancel; losing the lease (another worker took over) stops this one.
  const heartbeat = setInterval(() => {
    void (async () => {
      const r = await db().eval.updateMany({ where: { id: evalId, status: "running" }, data: { leaseUntil: new Date(Date.now() + leaseMs()) } });
      const now = await db().eval.findUnique({ where: { id: evalId }, select: { cancelRequested: true } });
      if (r.count === 0) lost = true;
      if (r.count === 0 || now?.cancelRequested) abort.abort();
    })().catch(() => {});
  }, Math.max(200, Math.min(1_000, leaseMs() / 3)));

  try {
    const client = await deps.client(target);
    const pending = await db().evalResult.findMany({ where: { evalId, status: "pending" }, orderBy: { position: "asc" }, select: { id: true, evalId: true, gold: true, messages: true, system: true } });
    let next = 0;
    const lane = async () => {
      while (!abort.signal.aborted && next < pending.length) {
        const row = pending[next++];
        let res: CallResult;
        try {
          const params = chatRequest(config, target.backend, target.model, parseMessages(parseJsonText(row.messages)), row.system);
          res = await callChat(client, params, abort.signal);
        } catch (e) {
          res = { output: null, latencyMs: null, promptTokens: null, completionTokens: null, attempts: 0, error: (e as Error).message, fatal: false };
        }
        if (abort.signal.aborted) return; // the row stays pending for whoever resumes
        if (res.fatal) {
          fatal ??= `the model endpoint refused the requests: ${res.error}`;
          abort.abort();
          return;
        }
        await store(row, res, config, ev.matchMode as MatchMode);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, pending.length)) }, lane));
  } catch (e) {
    fatal ??= `the eval could not run: ${(e as Error).message}`;
  } finally {
    clearInterval(heartbeat);
  }
  if (lost) return;
  await finish(evalId, config, fatal);
}

async function finish(evalId: string, config: EvalConfig, fatal: string | null) {
  const ev = await db().eval.findUniqueOrThrow({ where: { id: evalId } });
  const rows = await db().evalResult.findMany({ where: { evalId, status: "done" }, select: { score: true, latencyMs: true, promptTokens: true, completionTokens: true } });
  const summary = jsonText(summaryOf(config, rows));
  const status = fatal ? "failed" : ev.cancelRequested ? "cancelled" : "succeeded";
  const error = fatal ? fatal : ev.failedRequests > 0 ? `${ev.failedRequests} request(s) failed after retries; see the examples marked "request failed"` : null;
  await db().eval.updateMany({ where: { id: evalId, status: "running" }, data: { status, summary, error, leaseUntil: null, finishedAt: new Date() } });
}

/** Evals whose worker died (lease expired) are handed out again. */
export async function reconcileEvals(resume: (evalId: string) => Promise<void>): Promise<number> {
  const now = new Date();
  const stale = await db().eval.findMany({
    where: { OR: [{ status: "running", leaseUntil: { lt: now } }, { status: "queued", createdAt: { lt: new Date(now.getTime() - leaseMs()) } }] },
    select: { id: true },
  });
  for (const e of stale) await resume(e.id);
  return stale.length;
}

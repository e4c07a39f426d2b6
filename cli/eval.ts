// `tooltune eval`: start an eval run from the command line, against OpenAI, the GPU agent or a saved
// endpoint, and (with --wait) follow it to the end and print the report's numbers.
import { db } from "../lib/server/db";
import { createEval, getEval } from "../lib/server/evals/evals";
import { runEval } from "../lib/server/evals/run-eval";
import { chatClient } from "../lib/server/evals/clients";
import { EVAL_BACKENDS, EVAL_TERMINAL, type EvalDto, type EvalStatus, type ModelTarget } from "../lib/schemas/evals";
import { formatSummary } from "./score";

export const EVAL_HELP = `tooltune eval --project ID|NAME --model NAME [options]
  Starts an eval: the project's gold split (or --split) is sent to the model with greedy decoding and
  the project's system prompt and tools; every answer is scored and stored as it arrives.
  --backend openai|gpu|together|fireworks|endpoint   where the model is served (default: endpoint when --endpoint is given, else openai)
  --endpoint NAME|ID   a saved OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp; add them under Endpoints)
  --run ID             record the eval as evaluating this training run's model
  --split NAME         default gold
  --only TOOL|no_tool|tool_calls   a slice of the split: examples calling TOOL, or one kind of target
  --match strict|bfcl  default strict
  --concurrency N      requests in flight (default 8)
  --max-tokens N       output bound per answer (default 512)
  --here               run the eval in this process instead of the worker (no worker needed)
  --wait               wait for the end and print the numbers (implied by --here)
  --json               print the eval as JSON
  Exit code: 0 when the eval succeeded (or was queued), 1 when it failed, was cancelled or the input was wrong, 2 on unknown flags.`;

async function endpointId(ref: string): Promise<string> {
  const ep = await db().endpoint.findFirst({ where: { OR: [{ id: ref }, { name: ref }] }, select: { id: true } });
  if (!ep) throw new Error(`no saved endpoint with id or name "${ref}"; add it on the Endpoints page first`);
  return ep.id;
}

export async function runEvalCommand(v: Record<string, string | boolean | undefined>, projectId: string, authorId: string): Promise<number> {
  if (typeof v.model !== "string" || v.model === "") throw new Error("--model is required");
  const backend = (v.backend as string | undefined) ?? (v.endpoint ? "endpoint" : "openai");
  if (!(EVAL_BACKENDS as readonly string[]).includes(backend)) throw new Error(`--backend must be one of ${EVAL_BACKENDS.join(", ")}; got ${backend}`);
  const target: ModelTarget = { backend: backend as ModelTarget["backend"], model: v.model };
  if (backend === "endpoint") {
    if (typeof v.endpoint !== "string") throw new Error("--endpoint is required with --backend endpoint");
    target.endpointId = await endpointId(v.endpoint);
  }
  const num = (flag: string, fallback: number) => {
    const raw = v[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`--${flag} must be a whole number; got ${String(raw)}`);
    return n;
  };
  const created = await createEval(
    projectId,
    {
      target,
      runId: v.run as string | undefined,
      split: (v.split as "gold" | undefined) ?? "gold",
      ...(typeof v.only === "string" ? { only: v.only === "no_tool" || v.only === "tool_calls" ? { kind: v.only } : { tool: v.only } } : {}),
      matchMode: (v.match as "strict" | "bfcl" | undefined) ?? "strict",
      concurrency: num("concurrency", 8),
      maxTokens: num("max-tokens", 512),
    },
    authorId,
  );
  console.error(`eval ${created.id}: ${created.total} example(s), ${created.name}`);
  let final: EvalDto = created;
  if (v.here) {
    await runEval(created.id, { client: chatClient });
    final = await getEval(projectId, created.id);
  } else if (v.wait) {
    let last = -1;
    while (!EVAL_TERMINAL.includes(final.status as EvalStatus)) {
      await new Promise((r) => setTimeout(r, 1_000));
      final = await getEval(projectId, created.id);
      if (final.done !== last) console.error(`  ${final.done} / ${final.total} answered${final.failedRequests ? `, ${final.failedRequests} failed` : ""}`);
      last = final.done;
    }
  } else {
    console.error("queued: the worker runs it (npm start runs one); follow it in the app or pass --wait");
  }
  if (v.json) console.log(JSON.stringify(final, null, 2));
  else if (final.summary) console.log(formatSummary(final.summary));
  if (final.error) console.error(`${final.status}: ${final.error}`);
  if (!v.here && !v.wait) return 0;
  return final.status === "succeeded" ? 0 : 1;
}

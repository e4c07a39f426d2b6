// The max_seq_length check before a GPU run starts: the longest training examples go to a GPU agent,
// which tokenizes them with the base model's own tokenizer and chat template (tools included), as its
// trainer will. ToolTune's own count is OpenAI's o200k, which can be far off for Qwen or Llama.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { TOKEN_CHECK_LINES, type TokenCheckDto } from "../../schemas/runs";
import type { z } from "zod";
import type { tokenCheckSchema } from "../../schemas/runs";
import { AppError } from "../errors";
import { requireProject } from "../projects/projects";
import { exportLines } from "../datasets/export";
import { splitCounts } from "./snapshot";
import { agentFor } from "./backends";

/** Well under the agent's body limit: 200 long multi-turn examples with their tools fit many times over. */
const MAX_BYTES = 8 << 20;

/**
 * The `limit` longest lines of the train split by characters (a close proxy for tokens within one
 * tokenizer), at most MAX_BYTES in all, longest first. Streams the split; only the kept lines stay in memory.
 */
export async function longestTrainLines(projectId: string, limit = TOKEN_CHECK_LINES): Promise<string[]> {
  const kept: string[] = []; // ascending by length
  for await (const chunk of exportLines(projectId, { format: "openai", split: "train" })) {
    for (const text of chunk.split("\n")) {
      if (!text || (kept.length === limit && text.length <= kept[0].length)) continue;
      let lo = 0;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (kept[mid].length < text.length) lo = mid + 1;
        else hi = mid;
      }
      kept.splice(lo, 0, text);
      if (kept.length > limit) kept.shift();
    }
  }
  const out = kept.reverse();
  let bytes = 0;
  const within = out.findIndex((t) => (bytes += Buffer.byteLength(t) + 1) > MAX_BYTES);
  return within === -1 ? out : out.slice(0, Math.max(1, within));
}

function requestOf(record: { messages?: { role?: string; content?: unknown }[] }): string {
  const user = record.messages?.find((m) => m.role === "user");
  const text = typeof user?.content === "string" ? user.content : JSON.stringify(user?.content ?? "");
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

interface AgentReport {
  examples: number;
  longest: number;
  over: number;
  truncated: number;
  dropped: number;
  fits_max_seq_length: number | null;
  warning: string | null;
}

export async function checkTokenLengths(projectId: string, input: z.output<typeof tokenCheckSchema>): Promise<TokenCheckDto> {
  await requireProject(projectId);
  const { baseModel, agentId, max_seq_length, chat_template } = input;
  const agent = await agentFor(baseModel, agentId);
  if ("none" in agent) return { status: "unavailable", agent: null, reason: agent.none };
  const lines = await longestTrainLines(projectId);
  if (lines.length === 0) throw new AppError("validation_failed", "the train split is empty: assign a split under Data first", { field: "dataset" });
  const records = lines.map((t) => JSON.parse(t) as Record<string, unknown>);
  // The first user request of each line, to name an example the chat template refuses.
  const requests = records.map(requestOf);
  let report: AgentReport;
  try {
    report = await agent.client.post<AgentReport>("/tooltune/token_lengths", { body: { model: baseModel, lines: records, max_seq_length, chat_template } });
  } catch (e) {
    if (e instanceof APIConnectionError || e instanceof APIConnectionTimeoutError) {
      return { status: "unavailable", agent: agent.name, reason: `${agent.name} did not answer (${e.message})` };
    }
    if (!(e instanceof APIError)) throw e;
    const message = (e.error as { message?: string } | undefined)?.message ?? e.message;
    // An agent from before this check knows no such route; one without transformers says 501.
    if (e.status === 404 || e.status === 501) {
      return { status: "unavailable", agent: agent.name, reason: e.status === 404 ? `${agent.name} is older than this check (update the agent)` : message };
    }
    if (e.status === 400) {
      const line = /^Line (\d+)/.exec(message);
      const which = line ? requests[Number(line[1]) - 1] : undefined;
      const field = /chat_template/.test(e.param ?? "") ? "lora.chat_template" : e.param === "model" || /model/i.test(e.code ?? "") ? "baseModel" : "lora.max_seq_length";
      const where = which ? `the training example that starts "${which}": ` : "";
      throw new AppError("validation_failed", `${agent.name} refused the check: ${where}${line ? message.replace(/^Line \d+:?\s*/, "") : message}`, { field });
    }
    return { status: "unavailable", agent: agent.name, reason: `${agent.name} could not check (${e.status}: ${message})` };
  }
  const train = await splitCounts(projectId, "train");
  return {
    status: "checked",
    agent: agent.name,
    baseModel,
    maxSeqLength: max_seq_length,
    checked: report.examples,
    trainExamples: train.examples,
    longest: report.longest,
    over: report.over,
    truncated: report.truncated,
    dropped: report.dropped,
    fitsMaxSeqLength: report.fits_max_seq_length,
    warning: report.warning,
  };
}

// A quick check before a formal eval: one request to one or two models, with the project's current
// system prompt and tools, answered synchronously with the raw output, the parse and its validity.
import type { ModelTarget, PlaygroundAnswerDto, PlaygroundInput } from "../../schemas/evals";
import { playgroundSchema } from "../../schemas/evals";
import { parseOutput } from "../../scoring/parse";
import { validateDecision } from "../../scoring/validate";
import { loadCatalogue } from "./targets";
import { callChat, describeError } from "./call";
import { chatClient } from "./clients";
import { checkTarget } from "./evals";
import { chatRequest } from "./request";

const TARGET_LABEL: Record<string, string> = { openai: "OpenAI", gpu: "GPU agent", together: "Together AI", fireworks: "Fireworks AI" };

export async function runPlayground(projectId: string, input: PlaygroundInput): Promise<PlaygroundAnswerDto[]> {
  const data = playgroundSchema.parse(input);
  const cat = await loadCatalogue(projectId);
  const config = { ...cat, maxTokens: data.maxTokens };
  return Promise.all(
    data.targets.map(async (target: ModelTarget, i): Promise<PlaygroundAnswerDto> => {
      const { endpointName } = await checkTarget(target, `targets.${i}`);
      const label = endpointName ? `${endpointName} · ${target.model}` : `${TARGET_LABEL[target.backend] ?? target.backend} · ${target.model}`;
      const empty = { target, label, output: null, parse: null, parseNote: null, parsed: null, valid: null, validationErrors: [], latencyMs: null };
      try {
        const client = await chatClient(target);
        const res = await callChat(client, chatRequest(config, target.backend, target.model, [{ role: "user", content: data.request }], null));
        if (res.output === null) return { ...empty, error: res.error };
        const parsed = parseOutput(res.output, config.style);
        const validationErrors = parsed.decision ? validateDecision(parsed.decision, config.tools) : [parsed.note ?? "the output could not be parsed"];
        return { ...empty, output: res.output, parse: parsed.status, parseNote: parsed.note ?? null, parsed: parsed.decision, valid: parsed.decision !== null && validationErrors.length === 0, validationErrors, latencyMs: res.latencyMs, error: null };
      } catch (e) {
        return { ...empty, error: describeError(e) };
      }
    }),
  );
}

// Evaluations: what the browser, the API, the worker and the CLI agree on. See lib/scoring for the numbers.
import { z } from "zod";
import type { BackendId } from "./runs";
import { hasCredentials } from "../redact";
import type { Message } from "./example";
import type { FollowUpsDto } from "./stats";
import { splitSchema } from "./common";
import type { EvalSummary, ExampleScore, GoldTarget, MatchMode, ModelMessage, OutputStyle, Verdict } from "../scoring/types";

export const EVAL_BACKENDS = ["openai", "gpu", "together", "fireworks", "endpoint"] as const;
export type EvalBackend = (typeof EVAL_BACKENDS)[number];

export const EVAL_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type EvalStatus = (typeof EVAL_STATUSES)[number];
export const EVAL_TERMINAL: readonly EvalStatus[] = ["succeeded", "failed", "cancelled"];

export const EVAL_LIMITS = { concurrency: 64, maxTokens: 4096, examples: 20_000 } as const;

/** Where requests go: OpenAI (server key), the GPU agent (server token), or a saved endpoint (its own key). */
export const modelTargetSchema = z.object({
  backend: z.enum(EVAL_BACKENDS),
  endpointId: z.string().min(1).optional(),
  model: z.string().trim().min(1, "name the model").max(200),
});
export type ModelTarget = z.infer<typeof modelTargetSchema>;

export const evalCreateSchema = z
  .object({
    name: z.string().trim().max(120).optional(),
    target: modelTargetSchema,
    runId: z.string().optional(),
    split: splitSchema.default("gold"),
    /** Within the split, only examples whose target calls this tool, or only no_tool targets. */
    only: z.union([z.object({ tool: z.string().min(1).max(64) }), z.object({ kind: z.enum(["tool_calls", "no_tool"]) })]).optional(),
    /** Evaluate these examples instead of a split (a chosen selection). */
    exampleIds: z.array(z.string()).max(EVAL_LIMITS.examples).optional(),
    matchMode: z.enum(["strict", "bfcl"]).default("strict"),
    concurrency: z.number().int().min(1).max(EVAL_LIMITS.concurrency, `concurrency is at most ${EVAL_LIMITS.concurrency}`).default(8),
    maxTokens: z.number().int().min(16).max(EVAL_LIMITS.maxTokens, `max tokens is at most ${EVAL_LIMITS.maxTokens}`).default(512),
  })
  .refine((v) => v.target.backend !== "endpoint" || v.target.endpointId, { path: ["target", "endpointId"], message: "choose an endpoint" });
export type EvalCreate = z.input<typeof evalCreateSchema>;

/** Frozen at creation: exactly what every request of the eval is built from. */
export interface EvalConfig {
  style: OutputStyle;
  parallelToolCalls: boolean;
  system: string;
  tools: { name: string; description: string; parameters: Record<string, unknown> }[];
  catalogueVersion: number;
  split: string;
  concurrency: number;
  maxTokens: number;
  pricing: { inputPerMillion: number; outputPerMillion: number } | null;
  /** Follow-up decisions (after a tool result) in the gold examples: not scored; absent on older evals. */
  followUps?: FollowUpsDto;
}

export interface EvalDto {
  id: string;
  projectId: string;
  name: string;
  backend: EvalBackend;
  endpointId: string | null;
  endpointName: string | null;
  model: string;
  runId: string | null;
  status: EvalStatus;
  matchMode: MatchMode;
  /** Temperature 0; false for models that refuse it (OpenAI reasoning models), which run at their default sampling. */
  greedy: boolean;
  split: string;
  catalogueVersion: number;
  /** The gold examples' follow-ups, counted apart from the scored routing decisions (null on older evals). */
  followUps: FollowUpsDto | null;
  concurrency: number;
  maxTokens: number;
  total: number;
  done: number;
  failedRequests: number;
  /** 0..1 */
  progress: number;
  /** Computed from the results so far while running; final when the eval has ended. */
  summary: EvalSummary | null;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const evalResultQuerySchema = z.object({
  verdict: z.enum(["correct", "wrong_arguments", "wrong_tool", "false_tool_call", "missed_call", "invalid", "parse_failure", "wrong", "error", "pending"]).optional(),
  tool: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type EvalResultQuery = Partial<z.output<typeof evalResultQuerySchema>>;

export interface EvalResultDto {
  id: string;
  exampleId: string;
  exampleNumber: number;
  position: number;
  request: string;
  /** The turns sent after the system prompt. */
  messages: Message[];
  gold: GoldTarget;
  status: "pending" | "done" | "error";
  output: ModelMessage | null;
  verdict: Verdict | null;
  score: ExampleScore | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  attempts: number;
  error: string | null;
}

export interface EvalResultsPageDto {
  results: EvalResultDto[];
  total: number;
  page: number;
  pageSize: number;
}

export type FlipKind = "fixed" | "broken" | "still_wrong" | "changed";

export interface EvalFlipDto {
  exampleId: string;
  exampleNumber: number;
  request: string;
  kind: FlipKind;
  a: { verdict: Verdict | null; reason: string; output: ModelMessage | null };
  b: { verdict: Verdict | null; reason: string; output: ModelMessage | null };
}

export interface EvalCompareDto {
  a: EvalDto;
  b: EvalDto;
  /** Examples in both evals (compared by example id). */
  shared: number;
  onlyA: number;
  onlyB: number;
  /** Same frozen gold for every shared example. */
  sameGold: boolean;
  counts: Record<FlipKind | "still_right", number>;
  flips: EvalFlipDto[];
}

// Fields without defaults: a patch must not reset what it does not mention (zod applies defaults
// inside .partial(), so the patch schema is built from these, and only creation adds defaults).
const endpointFields = z.object({
  name: z.string().trim().min(1, "name the endpoint").max(80),
  baseUrl: z
    .string()
    .trim()
    .url("enter a URL such as http://gpu-box:8000/v1")
    .refine((u) => /^https?:\/\//.test(u), "the URL must start with http:// or https://")
    .refine((u) => !hasCredentials(u), "remove the user name and password from the URL: put the key in the API key field, where it stays on the server"),
  /** Omit to keep the stored key; "" removes it. A key is bound to its URL's origin: see endpointOrigin. */
  apiKey: z.string().max(500).optional(),
  defaultModel: z.string().trim().max(200),
  inputPerMillionUsd: z.number().nonnegative().nullable(),
  outputPerMillionUsd: z.number().nonnegative().nullable(),
});

export const endpointInputSchema = endpointFields.extend({
  defaultModel: endpointFields.shape.defaultModel.default(""),
  inputPerMillionUsd: endpointFields.shape.inputPerMillionUsd.default(null),
  outputPerMillionUsd: endpointFields.shape.outputPerMillionUsd.default(null),
});

export const endpointPatchSchema = endpointFields.partial();
export type EndpointPatch = z.input<typeof endpointPatchSchema>;

/**
 * Where a saved key may be sent: scheme, host and port. Moving an endpoint to another origin clears
 * its key, so a key typed for one server is never sent to another.
 */
export function endpointOrigin(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}
export type EndpointInput = z.input<typeof endpointInputSchema>;

export interface EndpointDto {
  id: string;
  name: string;
  baseUrl: string;
  /** The key itself never leaves the server. */
  hasKey: boolean;
  defaultModel: string;
  inputPerMillionUsd: number | null;
  outputPerMillionUsd: number | null;
  createdAt: string;
}

/** What an eval or the playground can be pointed at, for pickers. */
export interface EvalTargetsDto {
  backends: { id: BackendId; label: string; configured: boolean; missing: string[]; models: string[] }[];
  endpoints: EndpointDto[];
  /** Models trained in this project (finished runs and their checkpoints). */
  trained: { runId: string; backend: BackendId; model: string; label: string }[];
}

export const playgroundSchema = z.object({
  request: z.string().trim().min(1, "type a request").max(20_000),
  targets: z.array(modelTargetSchema).min(1, "pick a model").max(2, "pick at most two models"),
  maxTokens: z.number().int().min(16).max(EVAL_LIMITS.maxTokens).default(512),
});
export type PlaygroundInput = z.input<typeof playgroundSchema>;

export interface PlaygroundAnswerDto {
  target: ModelTarget;
  label: string;
  output: ModelMessage | null;
  parse: ExampleScore["parse"] | null;
  /** What the parse repair did, or why parsing failed. */
  parseNote: string | null;
  parsed: ExampleScore["parsed"];
  valid: boolean | null;
  validationErrors: string[];
  latencyMs: number | null;
  error: string | null;
}

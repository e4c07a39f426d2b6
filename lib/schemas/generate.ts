// Candidate generation from a teacher model: what the browser, the API and the worker agree on.
import { z } from "zod";
import { modelTargetSchema, type EvalBackend, type EvalStatus } from "./evals";
import type { OutputStyle, TokenPricing } from "../scoring/types";

export const GENERATION_KINDS = ["positive", "negative", "multi_turn"] as const;
export type GenerationKind = (typeof GENERATION_KINDS)[number];
export const KIND_LABELS: Record<GenerationKind, string> = {
  positive: "tool calls",
  negative: "boundary negatives (no_tool)",
  multi_turn: "multi-turn (call → result → answer)",
};

/** Why a candidate did not become a draft. request_failed: the teacher never answered (after retries). */
export const REJECTION_REASONS = [
  "invalid_json",
  "bad_shape",
  "unknown_tool",
  "schema",
  "wrong_kind",
  "duplicate_project",
  "duplicate_generation",
  "request_failed",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const REASON_LABELS: Record<RejectionReason, string> = {
  invalid_json: "invalid JSON",
  bad_shape: "not a candidate (missing request)",
  unknown_tool: "call to an unknown tool",
  schema: "arguments fail the tool's schema",
  wrong_kind: "not the kind asked for",
  duplicate_project: "duplicate of an example in the project",
  duplicate_generation: "duplicate of another candidate",
  request_failed: "teacher request failed",
};

export const GENERATION_LIMITS = { perTool: 200, total: 2_000, tools: 128, concurrency: 16 } as const;

const count = z.number().int().min(0).max(GENERATION_LIMITS.perTool, `at most ${GENERATION_LIMITS.perTool} per tool`);

export const generationCreateSchema = z
  .object({
    target: modelTargetSchema,
    /** The tools to generate for; empty or absent = every active tool. */
    tools: z.array(z.string().min(1).max(64)).max(GENERATION_LIMITS.tools).optional(),
    /** Per-tool counts; a tool not named uses `counts`. */
    counts: z.object({ positive: count.default(0), negative: count.default(0), multi_turn: count.default(0) }),
    perTool: z
      .record(z.string().max(64), z.object({ positive: count.optional(), negative: count.optional(), multi_turn: count.optional() }))
      .optional(),
    temperature: z.number().min(0).max(2).default(0.9),
    concurrency: z.number().int().min(1).max(GENERATION_LIMITS.concurrency).default(4),
    maxTokens: z.number().int().min(64).max(4096).default(600),
  })
  .refine((v) => v.target.backend !== "endpoint" || v.target.endpointId, { path: ["target", "endpointId"], message: "choose an endpoint" });
export type GenerationCreate = z.input<typeof generationCreateSchema>;

export interface GenerationTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One teacher request: a tool, a kind and an index within them. */
export interface PlanItem {
  key: string;
  tool: string;
  kind: GenerationKind;
  index: number;
}

/** Frozen at creation. */
export interface GenerationConfig {
  style: OutputStyle;
  catalogueVersion: number;
  tools: GenerationTool[];
  /** Per tool, how many of each kind. */
  plan: Record<string, Record<GenerationKind, number>>;
  temperature: number;
  concurrency: number;
  maxTokens: number;
  pricing: TokenPricing | null;
}

export interface CostEstimate {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** USD, or null when the teacher has no price ("unknown price"). */
  usd: number | null;
  pricing: TokenPricing | null;
}

export const generationEstimateSchema = generationCreateSchema;

export interface GenerationDto {
  id: string;
  projectId: string;
  status: EvalStatus;
  backend: EvalBackend;
  endpointId: string | null;
  model: string;
  tag: string;
  tools: string[];
  plan: Record<string, Record<GenerationKind, number>>;
  temperature: number;
  total: number;
  done: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Rejections (request_failed included) by reason. */
  reasons: Partial<Record<RejectionReason, number>>;
  /** Accepted drafts still in review state draft. */
  drafts: number;
  /** The first of them (lowest number), where "Review N drafts" opens the editor; null in lists. */
  firstDraftId: string | null;
  promptTokens: number;
  completionTokens: number;
  /** USD so far, or null for an unpriced teacher. */
  costUsd: number | null;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface GenerationItemDto {
  id: string;
  itemKey: string;
  tool: string;
  kind: GenerationKind;
  status: "asked" | "answered" | "failed";
  outcome: "accepted" | "rejected" | null;
  reason: RejectionReason | null;
  detail: string | null;
  request: string | null;
  raw: string | null;
  exampleId: string | null;
  error: string | null;
}

export const generationItemsQuerySchema = z.object({
  outcome: z.enum(["accepted", "rejected"]).optional(),
  reason: z.enum(REJECTION_REASONS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export interface GenerationItemsPageDto {
  items: GenerationItemDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the form needs besides the targets: tools, whether multi-turn is offered, the current routing counts. */
export interface GenerationSetupDto {
  tools: { name: string; description: string; required: string[] }[];
  multiTurnOffered: boolean;
  routing: { decisions: number; noTool: number };
}

/** The preference pairs a generation's reviews make (lib/server/generate/preference-pairs.ts). */
export interface GenerationPairCounts {
  /** Reviewed candidates whose decision the reviewer changed: one pair each. */
  pairs: number;
  /** Reviewed candidates kept as the teacher wrote them (no pair). */
  unchanged: number;
  /** Reviewed candidates whose prompt was rewritten too (no pair: the teacher answered another prompt). */
  promptChanged: number;
  /** Accepted candidates not reviewed yet. */
  unreviewed: number;
}

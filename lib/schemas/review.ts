// The blind second review (issue 16, item 4): the queue, a submitted review and the project's
// agreement figures. Shared by the API and the review page; terms in lib/reviews/README.md.
import { z } from "zod";
import type { Agreement } from "../reviews/agreement";
import { splitSchema, type Split } from "./common";
import type { Decision, Message } from "./example";

const toolName = z.string().min(1, "a tool name is empty").max(64, "a tool name has at most 64 characters");

/** Which examples the queue offers: a split (none: gold first, then validation, train, unassigned) and a tool. */
export const reviewQueueQuerySchema = z.object({
  split: splitSchema.optional(),
  tool: toolName.optional(),
  /** Examples the reviewer skipped in this sitting, comma-separated ids. */
  skip: z
    .string()
    .max(100 * 40, "skip: too many ids")
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(40)).max(100, "skip: at most 100 ids"))
    .optional(),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

/** The order the queue takes splits in when none is chosen: the gold set's reliability matters most. */
export const QUEUE_SPLIT_ORDER: readonly Split[] = ["gold", "validation", "train", "unassigned"];

export const secondReviewInputSchema = z.object({
  exampleId: z.string().min(1, "exampleId: choose an example").max(40),
  /** The example version whose conversation the reviewer saw; a later save is a conflict. */
  version: z.number().int().positive(),
  /** Tool names from the catalogue, or ["no_tool"]. */
  choice: z.array(toolName).min(1, "choice: choose a tool or no_tool").max(16, "choice: at most 16 tools"),
});
export type SecondReviewInput = z.infer<typeof secondReviewInputSchema>;

/** One example to review, its label withheld: the conversation up to the final routing turn. */
export interface ReviewItemDto {
  exampleId: string;
  number: number;
  version: number;
  split: Split;
  /** The turns before the final routing turn; that turn and any after it are not sent. */
  context: Message[];
}

export interface ReviewQueueDto {
  /** Examples left for this reviewer under the filters (every split when none is chosen). */
  remaining: number;
  bySplit: Record<Split, number>;
  item: ReviewItemDto | null;
}

/** What a submitted review reveals: the label it was compared with. */
export interface SecondReviewResultDto {
  id: string;
  exampleId: string;
  number: number;
  choice: string;
  label: string;
  agree: boolean;
  /** The final routing turn as labelled, arguments included. */
  labelDecision: Decision;
  labelledBy: string | null;
  createdAt: string;
}

export interface DisagreementDto {
  reviewId: string;
  exampleId: string;
  number: number;
  split: Split;
  label: string;
  choice: string;
  labelledBy: string | null;
  reviewer: string | null;
  createdAt: string;
}

export interface AgreementDto {
  overall: Agreement;
  bySplit: Record<Split, Agreement>;
  /** Open disagreements, newest first (at most 200): the example still carries the label the reviewer disputed. */
  disagreements: DisagreementDto[];
  openDisagreements: number;
  /** Disagreements whose example has a different label now (someone resolved it). */
  resolvedDisagreements: number;
}

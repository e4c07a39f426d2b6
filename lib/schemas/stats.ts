import type { Split } from "./common";

export type Band = "empty" | "below" | "within" | "above";

/**
 * Decisions that follow a tool result, counted apart from the ratio: the answer that uses the result,
 * or a chained call. They say nothing about routing, so they never move the no_tool ratio.
 */
export interface FollowUpsDto {
  decisions: number;
  answers: number;
  calls: number;
}

export interface RatioDto {
  /** Labelled routing decisions counted: those that reply to a user message (drafts and unlabelled turns excluded). */
  decisions: number;
  noTool: number;
  toolCalls: number;
  /** noTool / decisions, or null when nothing is labelled. */
  ratio: number | null;
  band: Band;
  advice: string;
  /** Follow-up decisions of the same examples; absent on run snapshots frozen before they were counted. */
  followUps?: FollowUpsDto;
}

export interface ProjectStatsDto {
  overall: RatioDto;
  perSplit: Record<Split, RatioDto>;
  perTool: { name: string; count: number; archived: boolean }[];
  /** needsReason: examples whose no_tool reason is still to write (the examples filter of the same name). */
  totals: { examples: number; draft: number; labelled: number; reviewed: number; invalid: number; unlabelled: number; needsReason: number };
}

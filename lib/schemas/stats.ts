import type { Split } from "./common";

export type Band = "empty" | "below" | "within" | "above";

export interface RatioDto {
  /** Labelled decisions counted (drafts and unlabelled examples excluded). */
  decisions: number;
  noTool: number;
  toolCalls: number;
  /** noTool / decisions, or null when nothing is labelled. */
  ratio: number | null;
  band: Band;
  advice: string;
}

export interface ProjectStatsDto {
  overall: RatioDto;
  perSplit: Record<Split, RatioDto>;
  perTool: { name: string; count: number; archived: boolean }[];
  totals: { examples: number; draft: number; labelled: number; reviewed: number; invalid: number; unlabelled: number };
}

// An eval's failures turned back into data: training examples with the gold decision ("add to
// training data"), and preference pairs (chosen: the gold decision, rejected: the model's answer).
import { z } from "zod";
import type { Verdict } from "../scoring/types";

/** Every verdict but "correct": what an eval report lists as failures. */
export const FAILURE_VERDICTS = [
  "wrong_tool",
  "wrong_arguments",
  "false_tool_call",
  "missed_call",
  "invalid",
  "parse_failure",
] as const satisfies readonly Verdict[];
export type FailureVerdict = (typeof FAILURE_VERDICTS)[number];

/** Ids of the results to add at once (one failing example, or a few); a verdict's "add all" sends the verdict. */
export const ADD_FAILURES_MAX_IDS = 500;

export const addFailuresSchema = z
  .object({
    verdict: z.enum(FAILURE_VERDICTS, { error: `verdict must be one of ${FAILURE_VERDICTS.join(", ")}` }).optional(),
    resultIds: z
      .array(z.string().min(1).max(64))
      .min(1, "resultIds: choose at least one result")
      .max(ADD_FAILURES_MAX_IDS, `resultIds: at most ${ADD_FAILURES_MAX_IDS} at once; add a verdict's all instead`)
      .optional(),
  })
  .strict()
  .refine((b) => (b.verdict === undefined) !== (b.resultIds === undefined), {
    message: "give either a verdict or resultIds",
    path: ["verdict"],
  });
export type AddFailures = z.input<typeof addFailuresSchema>;

export interface AddFailuresResultDto {
  /** New train examples. */
  created: number;
  /** Failures whose gold conversation and target the project already has (or already added from this result). */
  skipped: number;
  byVerdict: Partial<Record<FailureVerdict, { created: number; skipped: number }>>;
  /** The first new examples, for a link. */
  examples: { id: string; number: number }[];
}

export const PREFERENCE_FORMATS = ["openai", "trl"] as const;
export type PreferenceFormat = (typeof PREFERENCE_FORMATS)[number];

export const preferenceExportQuerySchema = z.object({
  format: z.enum(PREFERENCE_FORMATS, { error: "format must be openai or trl" }).default("openai"),
  verdict: z.enum(FAILURE_VERDICTS, { error: `verdict must be one of ${FAILURE_VERDICTS.join(", ")}` }).optional(),
});

export interface PreferenceCountsDto {
  /** Pairs the eval's failures make, by verdict (a parse failure is a pair too: its raw text is the rejected answer). */
  byVerdict: Record<FailureVerdict, number>;
  total: number;
}

/** Where an example made from an eval failure came from (the editor's "from eval X, example #n"). */
export interface ExampleOriginDto {
  evalId: string;
  /** Null when the eval was deleted since. */
  evalName: string | null;
  exampleNumber: number | null;
  verdict: string | null;
}

import { z } from "zod";
import { LIMITS, outputStyleSchema, type OutputStyle } from "./common";
import type { RunStatus } from "./runs";

// Fields without defaults: a PATCH must not reset what it does not mention.
const projectFields = z.object({
  name: z.string().trim().min(1, "name is empty").max(LIMITS.projectName, `name is longer than ${LIMITS.projectName} characters`),
  description: z.string().max(LIMITS.projectDescription, `description is longer than ${LIMITS.projectDescription} characters`),
  outputStyle: outputStyleSchema,
});

export const projectCreateSchema = projectFields.extend({
  description: projectFields.shape.description.default(""),
  outputStyle: outputStyleSchema.default("router_json"),
});
export type ProjectCreate = z.input<typeof projectCreateSchema>;

export const projectPatchSchema = projectFields.partial().extend({
  parallelToolCalls: z.boolean().optional(),
  systemPromptOverride: z
    .string()
    .max(LIMITS.systemPrompt, `system prompt is longer than ${LIMITS.systemPrompt} characters`)
    .nullable()
    .optional(),
});
export type ProjectPatch = z.input<typeof projectPatchSchema>;

export interface ProjectDto {
  id: string;
  name: string;
  description: string;
  outputStyle: OutputStyle;
  parallelToolCalls: boolean;
  systemPromptOverride: string | null;
  catalogueVersion: number;
  revalidatingVersion: number | null;
  exampleCount: number;
  toolCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Where a project stands, for the projects page: read for all listed projects in a fixed number of queries. */
export interface ProjectSummaryDto {
  /** Routing decisions of labelled and reviewed examples, and the no_tool share of them, as the gauge counts. */
  routingDecisions: number;
  noToolRatio: number | null;
  /** The newest run. */
  lastRun: { id: string; status: RunStatus; baseModel: string; createdAt: string; finishedAt: string | null } | null;
  /** The finished eval with the highest exact-match rate. */
  bestEval: { id: string; name: string; model: string; exactMatch: number; n: number; d: number } | null;
}

/** A row of the projects list: the project and its summary. */
export interface ProjectListItemDto extends ProjectDto {
  summary: ProjectSummaryDto;
}

/** What deleting a project takes with it, shown before the user confirms. */
export interface DeletionSummaryDto {
  id: string;
  name: string;
  tools: number;
  examples: number;
  catalogueVersions: number;
  imports: number;
  runs: number;
  /** Runs still queued or training: they are cancelled first (they bill). */
  liveRuns: number;
  evals: number;
  liveEvals: number;
  /** Uploads, reports and run files on disk. */
  diskBytes: number;
  trashDays: number;
}

export interface TrashedProjectDto {
  id: string;
  name: string;
  deletedAt: string;
  /** When it is removed for good. */
  purgeAt: string;
  examples: number;
  runs: number;
  evals: number;
}

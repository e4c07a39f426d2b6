import { z } from "zod";
import { LIMITS, outputStyleSchema, type OutputStyle } from "./common";

export const projectCreateSchema = z.object({
  name: z.string().trim().min(1, "name is empty").max(LIMITS.projectName, `name is longer than ${LIMITS.projectName} characters`),
  description: z.string().max(LIMITS.projectDescription).default(""),
  outputStyle: outputStyleSchema.default("router_json"),
});
export type ProjectCreate = z.input<typeof projectCreateSchema>;

export const projectPatchSchema = projectCreateSchema.partial().extend({
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

import { z } from "zod";
import { LIMITS } from "./common";

export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const NO_TOOL = "no_tool";

export const toolNameSchema = z
  .string()
  .regex(TOOL_NAME_PATTERN, "tool name must be 1–64 characters of letters, digits, '_' or '-' (OpenAI's rule)")
  .refine((n) => n !== NO_TOOL, { message: `"${NO_TOOL}" is reserved for the no-tool decision` });

/** A JSON-Schema object as stored; its validity is checked with Ajv in lib/validation/tool-schema.ts. */
export const parametersSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= LIMITS.parametersBytes, {
    message: `parameters schema is larger than ${LIMITS.parametersBytes / 1024} KB`,
  });

export const toolInputSchema = z.object({
  name: toolNameSchema,
  description: z.string().max(LIMITS.toolDescription, `description is longer than ${LIMITS.toolDescription} characters`),
  parameters: parametersSchema,
});
export type ToolInput = z.infer<typeof toolInputSchema>;

export const toolPatchSchema = toolInputSchema.partial().extend({
  archived: z.boolean().optional(),
  /** With a new name: rewrite the calls of the old name in every example (with revisions) instead of flagging them. */
  renameInExamples: z.boolean().optional(),
});
export type ToolPatch = z.infer<typeof toolPatchSchema>;

export const toolReorderSchema = z.object({ order: z.array(z.string()).min(1) });

/** A tool as the browser sees it. */
export interface ToolDto {
  id: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  position: number;
  archived: boolean;
  updatedAt: string;
}

/** What a catalogue version freezes of each tool. */
export interface CatalogueTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  archived: boolean;
}

export interface CatalogueVersionDto {
  version: number;
  summary: string;
  author: string;
  createdAt: string;
  tools: CatalogueTool[];
}

/** A catalogue change not made yet, for its impact dry run: the same bodies the saves take. */
export const catalogueChangeSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("create"), tool: toolInputSchema }),
    z.object({ kind: z.literal("update"), toolId: z.string().min(1).max(64), patch: toolPatchSchema }),
    z.object({ kind: z.literal("revert"), version: z.number().int().min(1) }),
  ],
  { error: 'kind must be "create", "update" or "revert"' },
);
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;

export const catalogueRevertSchema = z.object({ version: z.number({ error: "version must be a catalogue version number" }).int().min(1) });

/** What a catalogue change would do to the examples, counted by validating them without writing. */
export interface CatalogueImpactDto {
  /** Examples that call a tool the change affects (the ones the save re-validates). */
  checked: number;
  /** Of those, invalid before the change (as flagged now) and after it. */
  invalidBefore: number;
  invalidAfter: number;
  /** Valid now and invalid after the change. */
  newlyInvalid: number;
  /** Invalid now and valid after the change. */
  newlyValid: number;
  /** Per affected tool name, the examples calling it that the change would invalidate. */
  byTool: { name: string; newlyInvalid: number; newlyValid: number }[];
  /** Numbers of the first examples it would invalidate (at most 5). */
  sample: number[];
}

import { z } from "zod";
import { splitSchema, type Split } from "./common";
import { FORMAT_IDS, type FormatId, type RecordError, type ToolDef } from "../formats/types";

export const importFormatSchema = z.enum(FORMAT_IDS);

export const importUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1, "fileName is empty").max(255),
  format: z.union([z.literal("auto"), importFormatSchema]).default("auto"),
});

export const toolChoicesSchema = z.strictObject({
  variantChoice: z.enum(["first", "merge"]).optional(),
  schemaFix: z.enum(["convert", "as_declared"]).optional(),
});

export const importCommitSchema = z.object({
  keepValid: z.boolean(),
  skipDuplicates: z.boolean().default(true),
  split: splitSchema.default("unassigned"),
  toolDecisions: z.record(z.string(), z.enum(["keep_existing", "use_imported"])).default({}),
  /** Per tool: which of a file's variants to take ("first" or "merge"), and whether to convert BFCL types. */
  toolChoices: z.record(z.string(), toolChoicesSchema).default({}),
});
export type ImportCommit = z.input<typeof importCommitSchema>;

/** Analyse again: as another format, and/or with the tool plan's fix-up choices (kept for later analyses). */
export const importReanalyseSchema = z.object({ format: importFormatSchema, toolChoices: z.record(z.string(), toolChoicesSchema).optional() });

export type ImportStatus = "uploaded" | "analysing" | "ready" | "importing" | "done" | "failed" | "cancelled";

export interface ImportToolPlanDto {
  name: string;
  action: "add" | "same" | "conflict";
  imported: ToolDef;
  existing?: ToolDef;
  decision?: "keep_existing" | "use_imported";
  seenIn: number;
  /** Different definitions of the name inside the file. */
  variants: number;
  /** The first definition as the file declares it. */
  declared?: ToolDef;
  /** With variants > 1: the merge of all of them (and what it changed), or why it is refused. */
  merge?: { ok: true; def: ToolDef; notes: string[] } | { ok: false; reason: string };
  variantChoice?: "first" | "merge";
  /** What "convert to JSON Schema" changes in a BFCL-typed declaration. */
  bfclChanges?: string[];
  schemaFix?: "convert" | "as_declared";
  /** What the catalogue's schema check finds wrong in `imported`. */
  schemaIssues?: { path: string; message: string }[];
}

export interface ImportJobDto {
  id: string;
  status: ImportStatus;
  fileName: string;
  fileBytes: number;
  format: FormatId;
  detectedFormat: string;
  detectReasons: string[];
  /** 0..1 of the current phase. */
  progress: number;
  processed: number;
  total: number;
  validCount: number;
  errorCount: number;
  errorKinds: Record<string, number>;
  errorSample: RecordError[];
  duplicateCount: number;
  /** Valid records that land as drafts needing a reason (plain replies in a router_json project). */
  needsReasonCount: number;
  duplicateSample: { line: number; duplicateOf: number | "existing"; exact: boolean }[];
  toolPlan: ImportToolPlanDto[];
  importedCount: number;
  skippedCount: number;
  split: Split | null;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What a project keeps on disk, and the limits on it (the Data tab shows it beside the upload). */
export interface StorageDto {
  usedBytes: number;
  uploadsBytes: number;
  runFilesBytes: number;
  quotaBytes: number;
  maxUploadBytes: number;
}

import { z } from "zod";
import { splitSchema, type Split } from "./common";
import { FORMAT_IDS, type FormatId, type RecordError, type ToolDef } from "../formats/types";

export const importFormatSchema = z.enum(FORMAT_IDS);

export const importUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1, "fileName is empty").max(255),
  format: z.union([z.literal("auto"), importFormatSchema]).default("auto"),
});

export const importCommitSchema = z.object({
  keepValid: z.boolean(),
  skipDuplicates: z.boolean().default(true),
  split: splitSchema.default("unassigned"),
  toolDecisions: z.record(z.string(), z.enum(["keep_existing", "use_imported"])).default({}),
});
export type ImportCommit = z.input<typeof importCommitSchema>;

export const importReanalyseSchema = z.object({ format: importFormatSchema });

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

// Words and number formats the import screens share.
import { formatCount } from "@/lib/client/format";
import type { FormatId } from "@/lib/formats/types";
import type { ImportStatus } from "@/lib/schemas/imports";

export const FORMAT_LABEL: Record<FormatId, string> = {
  openai: "OpenAI chat fine-tuning (messages + tools)",
  trl: "TRL / Unsloth messages",
  sharegpt: "ShareGPT (LLaMA-Factory)",
  router: "ToolTune router JSONL",
  bfcl: "BFCL (Berkeley function-calling)",
};

export const STATUS_LABEL: Record<ImportStatus, string> = {
  uploaded: "uploaded",
  analysing: "analysing",
  ready: "ready to import",
  importing: "importing",
  done: "imported",
  failed: "failed",
  cancelled: "discarded",
};

export const STATUS_TONE: Record<ImportStatus, "muted" | "info" | "ok" | "warn" | "danger"> = {
  uploaded: "info",
  analysing: "info",
  ready: "warn",
  importing: "info",
  done: "ok",
  failed: "danger",
  cancelled: "muted",
};

/** Counts as every screen writes them (lib/client/format.ts). */
export { formatCount };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "1 record", "2 records". */
export const count = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

// In-memory state of one Together test server: files, jobs, request counters, holds and the chat script.
import { randomUUID } from "node:crypto";
import type { NormalChatScript } from "../openai-server/store";
import type { ChatRule } from "../openai-server/types";
import type { FileRecord, JobRecord, ServerOptions, TestState } from "./types";
import { checkDataset } from "./dataset";

export type Config = Required<Omit<ServerOptions, "port" | "host" | "chat" | "models">>;

/** Request kinds, as the rate_limit / server_error scripts and hold() name them. */
export const KINDS = [
  "files.upload",
  "files.list",
  "files.retrieve",
  "files.delete",
  "jobs.create",
  "jobs.list",
  "jobs.retrieve",
  "jobs.cancel",
  "jobs.events",
  "jobs.checkpoints",
  "jobs.metrics",
  "models.limits",
  "chat.completions",
] as const;
export type Kind = (typeof KINDS)[number];

export class Store {
  files = new Map<string, FileRecord>();
  jobs = new Map<string, JobRecord>();
  jobsCreated = 0;
  /** "METHOD /path" -> count of every request received (401s, 429s and 500s included). */
  requests: Record<string, number> = {};
  /** Scripted failures already answered, by "<job or body key>|<kind>|<429 or 500>". */
  scripted = new Map<string, number>();
  /** One-shot response delays set by hold() / POST /_test/hold. */
  holds = new Map<Kind, number>();
  chatScript: NormalChatScript;
  extraModels: Set<string>;
  /** Scripted chat errors already answered, by rule (a new script starts from zero). */
  chatFails = new Map<ChatRule, number>();
  chat = { requests: 0, failed: 0, rejected: 0, byRequest: new Map<string, number>() };

  constructor(
    readonly config: Config,
    chatScript: NormalChatScript,
    models: string[],
  ) {
    this.chatScript = chatScript;
    this.extraModels = new Set(models);
  }

  /** Stores an upload; a fine-tune file answers PENDING until the next tick applies its check. */
  addFile(content: Buffer, filename: string, purpose: string, fileType: "jsonl" | "csv" | "parquet"): FileRecord {
    const id = `file-${randomUUID()}`;
    const check = purpose === "fine-tune" ? checkDataset(content, filename, fileType) : null;
    const record: FileRecord = {
      object: {
        id,
        object: "file",
        created_at: Math.floor(Date.now() / 1000),
        filename,
        bytes: content.length,
        purpose,
        Processed: check === null,
        FileType: fileType,
        LineCount: 0,
        // Files for non-fine-tune purposes skip validation (docs.together.ai/reference/upload-file).
        processing_status: check === null ? "COMPLETED" : "PENDING",
      },
      content,
      pending: check && { report: { ...check.report, file_id: id }, examples: check.examples, tokens: check.tokens },
      examples: 0,
      tokens: 0,
    };
    this.files.set(id, record);
    return record;
  }

  /** Applies a pending file check: COMPLETED or INVALID_FORMAT with its validation_report. */
  settleFile(rec: FileRecord): void {
    if (!rec.pending) return;
    const { report, examples, tokens } = rec.pending;
    rec.pending = null;
    Object.assign(rec.object, {
      Processed: true,
      LineCount: report.nlines,
      processing_status: report.valid ? "COMPLETED" : "INVALID_FORMAT",
      validation_report: report,
    });
    rec.examples = examples;
    rec.tokens = tokens;
  }

  /** Forgets files, jobs, counters, holds and chat accounting; keeps the chat script and added models. */
  reset(): void {
    this.files.clear();
    this.jobs.clear();
    this.jobsCreated = 0;
    this.requests = {};
    this.scripted.clear();
    this.holds.clear();
    this.chatFails.clear();
    this.chat = { requests: 0, failed: 0, rejected: 0, byRequest: new Map() };
  }

  state(): TestState {
    return {
      jobsCreated: this.jobsCreated,
      jobs: [...this.jobs.values()].map(({ job }) => ({
        id: job.id,
        status: job.status,
        suffix: job.suffix ?? null,
        model_output_name: job.model_output_name,
      })),
      files: this.files.size,
      requests: { ...this.requests },
      chat: {
        requests: this.chat.requests,
        failed: this.chat.failed,
        rejected: this.chat.rejected,
        byRequest: Object.fromEntries(this.chat.byRequest),
      },
    };
  }
}

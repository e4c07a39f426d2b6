// In-memory state of one test server: files, jobs, request counters, holds.
import type { FileRecord, JobRecord, ServerOptions, TestState } from "./types";
import { newId, nowSeconds } from "./util";

export type Config = Required<Omit<ServerOptions, "port" | "host">>;

/** Request kinds, as used by the rate_limit script and POST /_test/hold. */
export const KINDS = [
  "files.create",
  "files.list",
  "files.retrieve",
  "files.content",
  "files.delete",
  "jobs.create",
  "jobs.list",
  "jobs.retrieve",
  "jobs.cancel",
  "jobs.pause",
  "jobs.resume",
  "jobs.events",
  "jobs.checkpoints",
] as const;
export type Kind = (typeof KINDS)[number];

export class Store {
  files = new Map<string, FileRecord>();
  jobs = new Map<string, JobRecord>();
  jobsCreated = 0;
  /** "METHOD /path" -> count, every request received (401s and 429s included). */
  requests: Record<string, number> = {};
  /** Scripted 429s already answered, by "<job or body key>|<kind>". */
  rateLimited = new Map<string, number>();
  /** One-shot response delays set by POST /_test/hold. */
  holds = new Map<Kind, number>();

  constructor(readonly config: Config) {}

  addFile(
    content: Buffer,
    filename: string,
    purpose: string,
    checked = { examples: 0, tokens: 0, chatProblem: null as string | null },
  ): FileRecord {
    const record: FileRecord = {
      object: {
        id: newId("file-"),
        object: "file",
        bytes: content.length,
        created_at: nowSeconds(),
        filename,
        purpose,
        status: "processed",
      },
      content,
      ...checked,
    };
    this.files.set(record.object.id, record);
    return record;
  }

  reset(): void {
    this.files.clear();
    this.jobs.clear();
    this.jobsCreated = 0;
    this.requests = {};
    this.rateLimited.clear();
    this.holds.clear();
  }

  state(): TestState {
    return {
      jobsCreated: this.jobsCreated,
      jobs: [...this.jobs.values()].map(({ job }) => ({
        id: job.id,
        status: job.status,
        metadata: job.metadata,
        suffix: job.user_provided_suffix,
      })),
      files: this.files.size,
      requests: { ...this.requests },
    };
  }
}

// In-memory state of one test server: files, jobs, request counters, holds, the chat script and its
// accounting.
import type { ChatReply, ChatRequestSummary, ChatRule, FileRecord, JobRecord, ServerOptions, TestState } from "./types";
import { newId, nowSeconds } from "./util";

export type Config = Required<Omit<ServerOptions, "port" | "host" | "chat" | "models">>;

/** A chat script with its defaults filled in (see parseChatScript in chat.ts). */
export interface NormalChatScript {
  rules: ChatRule[];
  defaultReply: ChatReply;
  latencyMs: number;
}

/** How many chat requests `last` keeps. */
export const CHAT_LAST = 50;

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
  "chat.completions",
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

  /** The chat script in force: from the options, replaced by POST /_test/chat. */
  chatScript: NormalChatScript;
  /** Model names added by the `models` option, --models or POST /_test/models. */
  extraModels: Set<string>;
  /** Scripted chat errors already answered, by rule (a new script starts from zero). */
  chatFails = new Map<ChatRule, number>();
  chat = { requests: 0, failed: 0, rejected: 0, byRequest: new Map<string, number>(), last: [] as ChatRequestSummary[] };

  constructor(
    readonly config: Config,
    chatScript: NormalChatScript = { rules: [], defaultReply: { content: "" }, latencyMs: 0 },
    models: string[] = [],
  ) {
    this.chatScript = chatScript;
    this.extraModels = new Set(models);
  }

  addFile(
    content: Buffer,
    filename: string,
    purpose: string,
    checked: { examples: number; tokens: number; chatProblem: string | null; format: "chat" | "preference" } = {
      examples: 0,
      tokens: 0,
      chatProblem: null,
      format: "chat",
    },
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

  /** Forgets files, jobs, counters, holds and chat accounting; keeps the chat script and added models. */
  reset(): void {
    this.files.clear();
    this.jobs.clear();
    this.jobsCreated = 0;
    this.requests = {};
    this.rateLimited.clear();
    this.holds.clear();
    this.chatFails.clear();
    this.chat = { requests: 0, failed: 0, rejected: 0, byRequest: new Map(), last: [] };
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
      chat: {
        requests: this.chat.requests,
        byRequest: Object.fromEntries(this.chat.byRequest),
        failed: this.chat.failed,
        rejected: this.chat.rejected,
        last: this.chat.last.map((r) => ({ ...r })),
      },
    };
  }
}

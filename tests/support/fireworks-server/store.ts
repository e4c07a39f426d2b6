// In-memory state of one Fireworks test server: datasets, jobs, output models, request counters,
// holds and the chat script.
import type { NormalChatScript } from "../openai-server/store";
import type { ChatRule } from "../openai-server/types";
import type { DatasetRecord, JobRecord, OutputModel, ServerOptions, TestState } from "./types";

export type Config = Required<Omit<ServerOptions, "port" | "host" | "chat" | "models">>;

/** Request kinds, as the rate_limit / server_error scripts and hold() name them. */
export const KINDS = [
  "datasets.create",
  "datasets.list",
  "datasets.get",
  "datasets.delete",
  "datasets.upload",
  "datasets.getUploadEndpoint",
  "datasets.validateUpload",
  "jobs.create",
  "jobs.list",
  "jobs.get",
  "jobs.delete",
  "jobs.cancel",
  "models.get",
  "models.list",
  "signed.metrics",
  "signed.upload",
  "chat.completions",
] as const;
export type Kind = (typeof KINDS)[number];

export class Store {
  datasets = new Map<string, DatasetRecord>();
  jobs = new Map<string, JobRecord>();
  /** Output models by full name (`accounts/<account>/models/<id>`). */
  models = new Map<string, OutputModel>();
  jobsCreated = 0;
  /** "METHOD /path" -> count of every request received (401s, 429s and 500s included). */
  requests: Record<string, number> = {};
  /** Scripted failures already answered, by "<owner>|<kind>|<429 or 500>". */
  scripted = new Map<string, number>();
  /** One-shot response delays set by hold() / POST /_test/hold. */
  holds = new Map<Kind, number>();
  chatScript: NormalChatScript;
  extraModels: Set<string>;
  /** Scripted chat errors already answered, by rule (a new script starts from zero). */
  chatFails = new Map<ChatRule, number>();
  chat = { requests: 0, failed: 0, rejected: 0, byRequest: new Map<string, number>() };
  /** The server's origin, for signed URLs (set once it listens). */
  origin = "";

  constructor(
    readonly config: Config,
    chatScript: NormalChatScript,
    models: string[],
  ) {
    this.chatScript = chatScript;
    this.extraModels = new Set(models);
  }

  get prefix(): string {
    return `accounts/${this.config.account}`;
  }

  /** Forgets datasets, jobs, models, counters, holds and chat accounting; keeps the chat script and added models. */
  reset(): void {
    this.datasets.clear();
    this.jobs.clear();
    this.models.clear();
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
      jobs: [...this.jobs.values()].map((r) => ({
        name: r.job.name,
        id: r.id,
        displayName: r.job.displayName,
        state: r.job.state,
        outputModel: r.job.outputModel,
        step: r.step,
        totalSteps: r.totalSteps,
      })),
      datasets: [...this.datasets.values()].map((d) => ({
        name: d.dataset.name,
        state: d.dataset.state,
        exampleCount: d.dataset.exampleCount,
      })),
      models: [...this.models.keys()],
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

// Entry for tests: `import { startTogetherServer } from "@/tests/support/together-server"`. Test-only;
// product code (app/, lib/, workers/, components/, cli/) must never import this directory.
export { startTogetherServer, type TogetherServer } from "./server";
export { parseScript } from "./scripts";
export { KINDS, type Kind } from "./store";
export { FINE_TUNABLE, SERVERLESS_CHAT_MODELS, type ModelLimits } from "./models";
export { lossAt, learningRateAt } from "./simulate";
export { checkDataset } from "./dataset";
export type {
  ServerOptions,
  Script,
  TestState,
  Job,
  JobStatus,
  FineTuneEvent,
  EventType,
  Checkpoint,
  MetricsRow,
  TogetherFile,
  ValidationReport,
} from "./types";
export type { ChatScript, ChatRule, ChatReply } from "../openai-server/types";

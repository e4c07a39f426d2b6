// Entry for tests: `import { startOpenAIServer } from "../support/openai-server"`. Test-only; product
// code (app/, lib/, workers/) must never import this directory.
export { startOpenAIServer, type OpenAIServer } from "./server";
export { parseScript } from "./scripts";
export { parseChatScript, DEFAULT_CHAT_REPLY } from "./chat";
export { KINDS, type Kind } from "./store";
export type {
  ServerOptions,
  Script,
  TestState,
  FineTuningJob,
  JobEvent,
  Checkpoint,
  ChatScript,
  ChatRule,
  ChatReply,
  ChatFail,
  ChatToolCallScript,
  ChatState,
  ChatRequestSummary,
} from "./types";

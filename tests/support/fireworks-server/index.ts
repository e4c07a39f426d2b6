// Entry for tests: `import { startFireworksServer } from "@/tests/support/fireworks-server"`. Test-only;
// product code (app/, lib/, workers/, components/, cli/) must never import this directory.
export { startFireworksServer, type FireworksServer } from "./server";
export { parseScript } from "./scripts";
export { KINDS, type Kind } from "./store";
export { BASE_MODELS, TUNABLE, pricePerMillion, cost, type BaseModel } from "./models";
export { learningRateAt } from "./simulate";
export { lossAt } from "../together-server/simulate";
export { checkDataset } from "./dataset";
export { NOT_DEPLOYED } from "./chat";
export type { ServerOptions, Script, TestState, SftJob, JobState, Dataset, DatasetState, OutputModel, MetricsLine, Status } from "./types";
export type { ChatScript, ChatRule, ChatReply } from "../openai-server/types";

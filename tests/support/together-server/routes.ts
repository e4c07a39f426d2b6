// The /v1 route table: method, path, request kind (for scripts and holds) and handler.
import { badRequest } from "../openai-server/util";
import type { Kind, Store } from "./store";
import { deleteFile, listFiles, retrieveFile, uploadFile } from "./files";
import { cancelJob, createJob, full, getJob, listCheckpoints, listEvents, listJobs, listMetrics, modelLimits } from "./jobs";
import { createChatCompletion } from "./chat";

export interface Ctx {
  store: Store;
  /** The id in the path (file or job), "" when there is none. */
  id: string;
  query: URLSearchParams;
  body: Buffer;
  json: () => unknown;
  contentType?: string;
}
export interface Route {
  method: string;
  pattern: RegExp;
  kind: Kind;
  run: (c: Ctx) => unknown;
}

/** `path` is under /v1; ":id" matches one path segment. */
const route = (method: string, path: string, kind: Kind, run: Route["run"]): Route => ({
  method,
  pattern: new RegExp(`^/v1${path.replace(":id", "([^/]+)")}$`),
  kind,
  run,
});

const FT = "/fine-tunes";
// Order matters: /fine-tunes/models/limits must win over /fine-tunes/:id.
export const ROUTES: Route[] = [
  route("POST", "/files/upload", "files.upload", (c) => uploadFile(c.store, c.contentType, c.body)),
  route("GET", "/files", "files.list", (c) => listFiles(c.store)),
  route("GET", "/files/:id", "files.retrieve", (c) => retrieveFile(c.store, c.id)),
  route("DELETE", "/files/:id", "files.delete", (c) => deleteFile(c.store, c.id)),
  route("GET", `${FT}/models/limits`, "models.limits", (c) => modelLimits(c.query)),
  route("POST", FT, "jobs.create", (c) => createJob(c.json(), c.store)),
  route("GET", FT, "jobs.list", (c) => listJobs(c.store)),
  route("GET", `${FT}/:id`, "jobs.retrieve", (c) => full(getJob(c.store, c.id))),
  route("POST", `${FT}/:id/cancel`, "jobs.cancel", (c) => cancelJob(c.store, c.id)),
  route("GET", `${FT}/:id/events`, "jobs.events", (c) => listEvents(c.store, c.id)),
  route("GET", `${FT}/:id/checkpoints`, "jobs.checkpoints", (c) => listCheckpoints(c.store, c.id)),
  route("GET", `${FT}/:id/metrics`, "jobs.metrics", (c) => listMetrics(c.store, c.id, c.query)),
  route("POST", "/chat/completions", "chat.completions", (c) => createChatCompletion(c.json(), c.store)),
];

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("The request body is not valid JSON.", null, "invalid_json");
  }
}

// The /v1 route table: method, path, request kind (for scripts and holds) and handler.
import type { Store, Kind } from "./store";
import { cancelJob, createJob, getJob, listCheckpoints, listEvents, listJobs, pauseJob, resumeJob } from "./jobs";
import { deleteFile, fileContent, listFiles, retrieveFile, uploadFile } from "./files";
import { createChatCompletion } from "./chat";
import { badRequest } from "./util";

export interface Ctx {
  store: Store;
  /** The id in the path (file or job), "" when there is none. */
  id: string;
  query: URLSearchParams;
  body: Buffer;
  json: () => unknown;
  contentType?: string;
}
export type Reply = { json: unknown } | { raw: Buffer };
export interface Route {
  method: string;
  pattern: RegExp;
  kind: Kind;
  run: (c: Ctx) => Reply | Promise<Reply>;
}

/** `path` is under /v1; ":id" matches one path segment. */
const route = (method: string, path: string, kind: Kind, run: Route["run"]): Route => ({
  method,
  pattern: new RegExp(`^/v1${path.replace(":id", "([^/]+)")}$`),
  kind,
  run,
});

const J = "/fine_tuning/jobs";
export const ROUTES: Route[] = [
  route("POST", "/files", "files.create", async (c) => ({ json: await uploadFile(c.store, c.contentType, c.body) })),
  route("GET", "/files", "files.list", (c) => ({ json: listFiles(c.store, c.query) })),
  route("GET", "/files/:id", "files.retrieve", (c) => ({ json: retrieveFile(c.store, c.id) })),
  route("GET", "/files/:id/content", "files.content", (c) => ({ raw: fileContent(c.store, c.id) })),
  route("DELETE", "/files/:id", "files.delete", (c) => ({ json: deleteFile(c.store, c.id) })),
  route("POST", J, "jobs.create", (c) => ({ json: createJob(c.json(), c.store) })),
  route("GET", J, "jobs.list", (c) => ({ json: listJobs(c.store, c.query) })),
  route("GET", `${J}/:id`, "jobs.retrieve", (c) => ({ json: getJob(c.store, c.id).job })),
  route("POST", `${J}/:id/cancel`, "jobs.cancel", (c) => ({ json: cancelJob(c.store, c.id) })),
  route("POST", `${J}/:id/pause`, "jobs.pause", (c) => ({ json: pauseJob(c.store, c.id) })),
  route("POST", `${J}/:id/resume`, "jobs.resume", (c) => ({ json: resumeJob(c.store, c.id) })),
  route("GET", `${J}/:id/events`, "jobs.events", (c) => ({ json: listEvents(c.store, c.id, c.query) })),
  route("GET", `${J}/:id/checkpoints`, "jobs.checkpoints", (c) => ({ json: listCheckpoints(c.store, c.id, c.query) })),
  route("POST", "/chat/completions", "chat.completions", async (c) => ({ json: await createChatCompletion(c.json(), c.store) })),
];

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
}

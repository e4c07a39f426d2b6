// The route table: method, path, request kind (for scripts and holds), plane and handler.
// Control plane under /v1/accounts/{account_id} (custom methods as `<name>:<verb>`, the gateway's form),
// inference under /inference/v1, and the signed URLs (no bearer) under /signed.
import { cancelJob, createJob, deleteJob, listJobs, readJob } from "./jobs";
import {
  createDataset,
  deleteDataset,
  listDatasets,
  readDataset,
  signedUpload,
  uploadDataset,
  uploadEndpoint,
  validateUpload,
} from "./datasets";
import { getModel, listModels, metricsFile } from "./outputs";
import { createChatCompletion } from "./chat";
import type { Kind, Store } from "./store";

export interface Ctx {
  store: Store;
  account: string;
  /** The resource id in the path ("" when there is none). */
  id: string;
  /** The file name of a signed upload URL. */
  file: string;
  query: URLSearchParams;
  body: Buffer;
  contentType?: string;
}
export type Plane = "control" | "inference" | "signed";
export interface Route {
  method: string;
  pattern: RegExp;
  kind: Kind;
  plane: Plane;
  /** Whether the account in the path may be `fireworks` (the shared model catalog) rather than the server's. */
  publicRead?: boolean;
  run: (c: Ctx) => unknown;
}

const SEG = "([^/:]+)";
const ACC = `/v1/accounts/${SEG}`;
const route = (method: string, path: string, kind: Kind, plane: Plane, run: Route["run"], publicRead = false): Route => ({
  method,
  pattern: new RegExp(`^${path}$`),
  kind,
  plane,
  publicRead,
  run,
});

const DS = `${ACC}/datasets`;
const SFT = `${ACC}/supervisedFineTuningJobs`;
export const ROUTES: Route[] = [
  route("POST", DS, "datasets.create", "control", (c) => createDataset(c.store, c.body)),
  route("GET", DS, "datasets.list", "control", (c) => listDatasets(c.store, c.query)),
  route("GET", `${DS}/${SEG}`, "datasets.get", "control", (c) => readDataset(c.store, c.id, c.query)),
  route("DELETE", `${DS}/${SEG}`, "datasets.delete", "control", (c) => deleteDataset(c.store, c.id)),
  route("POST", `${DS}/${SEG}:upload`, "datasets.upload", "control", (c) => uploadDataset(c.store, c.id, c.contentType, c.body)),
  route("POST", `${DS}/${SEG}:getUploadEndpoint`, "datasets.getUploadEndpoint", "control", (c) => uploadEndpoint(c.store, c.id, c.body)),
  route("POST", `${DS}/${SEG}:validateUpload`, "datasets.validateUpload", "control", (c) => validateUpload(c.store, c.id, c.body)),
  route("POST", SFT, "jobs.create", "control", (c) => createJob(c.store, c.body, c.query)),
  route("GET", SFT, "jobs.list", "control", (c) => listJobs(c.store, c.query)),
  route("GET", `${SFT}/${SEG}`, "jobs.get", "control", (c) => readJob(c.store, c.id, c.query)),
  route("DELETE", `${SFT}/${SEG}`, "jobs.delete", "control", (c) => deleteJob(c.store, c.id)),
  route("POST", `${SFT}/${SEG}:cancel`, "jobs.cancel", "control", (c) => cancelJob(c.store, c.id, c.body)),
  route("GET", `${ACC}/models`, "models.list", "control", (c) => listModels(c.store, c.account, c.query), true),
  route("GET", `${ACC}/models/${SEG}`, "models.get", "control", (c) => getModel(c.store, c.account, c.id, c.query), true),
  route("POST", "/inference/v1/chat/completions", "chat.completions", "inference", (c) => createChatCompletion(c.body, c.store)),
  route("GET", `/signed/metrics/${SEG}/${SEG}/metrics\\.jsonl`, "signed.metrics", "signed", (c) => metricsFile(c.store, c.id, c.query)),
  route("PUT", `/signed/upload/${SEG}/${SEG}/([^/]+)`, "signed.upload", "signed", (c) =>
    signedUpload(c.store, c.account, c.id, c.file, c.query, c.body),
  ),
];

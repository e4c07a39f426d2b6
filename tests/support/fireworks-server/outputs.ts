// What a job leaves behind: its output model (GET/list /v1/accounts/{account}/models; the shared catalog is
// readable under accounts/fireworks) and its metrics file (the JSON Lines file behind metricsFileSignedUrl).
import { GrpcError, notFound, SignedUrlError } from "./errors";
import { list, mask } from "./listing";
import { BASE_MODELS, baseModelWire } from "./models";
import type { Store } from "./store";

const MODEL_FIELDS = [
  "name",
  "displayName",
  "createTime",
  "updateTime",
  "kind",
  "state",
  "status",
  "fineTuningJob",
  "peftDetails",
  "contextLength",
  "supportsTools",
  "supportsLora",
  "tunable",
  "supervisedLoraTunable",
  "baseModelDetails",
];
const FILTERABLE = ["name", "displayName", "kind", "state", "fineTuningJob", "createTime"];

function modelsOf(store: Store, account: string): Record<string, unknown>[] {
  if (account === "fireworks") return [...BASE_MODELS.values()].map(baseModelWire);
  if (account === store.config.account) return [...store.models.values()].map((m) => ({ ...m }));
  throw new GrpcError("PERMISSION_DENIED", `permission denied on account ${account}`);
}

export function getModel(store: Store, account: string, id: string, query: URLSearchParams) {
  const name = `accounts/${account}/models/${id}`;
  const model = modelsOf(store, account).find((m) => m.name === name);
  if (!model) throw notFound(`Model ${name} not found`);
  return mask(model, query.get("readMask") ?? query.get("read_mask"), MODEL_FIELDS);
}

export const listModels = (store: Store, account: string, query: URLSearchParams) =>
  list(modelsOf(store, account), query, "models", FILTERABLE, MODEL_FIELDS);

/** GET of a metrics file's signed URL: the lines logged so far; 404 until the first step is logged. */
export function metricsFile(store: Store, id: string, query: URLSearchParams): string {
  const rec = store.jobs.get(id);
  if (!rec || query.get("X-Goog-Signature") !== rec.signature)
    throw new SignedUrlError(403, "SignatureDoesNotMatch: the request signature does not match this URL");
  if (rec.metrics.length === 0) throw new SignedUrlError(404, "NoSuchKey: the metrics file has not been written yet");
  return rec.metrics.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

// /v1/accounts/{account}/datasets: create, get, list, delete, and the two ways to upload the file:
// `:upload` (multipart field `file`, "file sizes up to 150Mb") or `:getUploadEndpoint` (filenameToSize ->
// filenameToSignedUrls), a PUT of the bytes to the signed URL, then `:validateUpload`.
// State machine (gatewayDatasetState): create -> UPLOADING; a valid upload -> READY (a client reads READY
// right after :upload, as Kiln's adapter and a published training script do). A file that fails the check is
// refused with a 400 naming the first bad line, and the dataset stays UPLOADING. "A dataset is an immutable
// set of training examples" (concepts page): a READY dataset takes no second upload.
import { createHash, randomBytes } from "node:crypto";
import { parseBody, Reader } from "./body";
import { checkDataset } from "./dataset";
import { GrpcError, invalid, notFound, precondition, SignedUrlError } from "./errors";
import { checkId } from "./ids";
import { list, mask } from "./listing";
import type { Store } from "./store";
import type { Dataset, DatasetRecord } from "./types";

const iso = () => new Date().toISOString();
const SECRET = randomBytes(16).toString("hex");
const DATASET_FIELDS = [
  "name",
  "displayName",
  "createTime",
  "updateTime",
  "state",
  "status",
  "exampleCount",
  "estimatedTokenCount",
  "userUploaded",
  "format",
  "createdBy",
];
const FILTERABLE = ["name", "displayName", "state", "createTime", "updateTime", "exampleCount", "format"];

export function getDataset(store: Store, id: string): DatasetRecord {
  const rec = store.datasets.get(id);
  if (!rec) throw notFound(`Dataset ${store.prefix}/datasets/${id} not found`);
  return rec;
}

export function createDataset(store: Store, body: Buffer): Dataset {
  const raw = body.toString("utf8");
  const r = new Reader(raw, parseBody(body));
  r.only(["dataset", "datasetId", "sourceDatasetId", "filter"]);
  if (r.has("sourceDatasetId") || r.has("filter"))
    throw new GrpcError("UNIMPLEMENTED", "sourceDatasetId and filter are not simulated by the test server (a limit of the test server)");
  const id = r.string("datasetId");
  if (!id) throw invalid("dataset_id is required");
  checkId("dataset", id);
  const d = r.object("dataset");
  if (!d) throw invalid("dataset is required");
  d.only(
    [
      "displayName",
      "exampleCount",
      "userUploaded",
      "evaluationResult",
      "transformed",
      "splitted",
      "evalProtocol",
      "externalUrl",
      "format",
      "sourceJobName",
    ],
    ["name", "createTime", "updateTime", "state", "status", "createdBy", "estimatedTokenCount"],
  );
  for (const key of ["evaluationResult", "transformed", "splitted", "evalProtocol", "externalUrl"])
    if (d.has(key))
      throw new GrpcError(
        "UNIMPLEMENTED",
        `dataset.${key} is not simulated by the test server (a limit of the test server); upload a file`,
      );
  const displayName = d.string("displayName") ?? "";
  const count = d.int64("exampleCount");
  if (count !== undefined && count < 0) throw invalid(`invalid dataset.example_count ${count}: must not be negative`);
  const format = d.enumOf("format", ["FORMAT_UNSPECIFIED", "CHAT", "COMPLETION", "RL"] as const) ?? "FORMAT_UNSPECIFIED";
  if (format === "COMPLETION" || format === "RL")
    throw new GrpcError("UNIMPLEMENTED", `dataset format ${format} is not simulated by the test server (a limit of the test server)`);
  d.string("sourceJobName");
  d.object("userUploaded");
  if (store.datasets.has(id)) throw new GrpcError("ALREADY_EXISTS", `Dataset ${store.prefix}/datasets/${id} already exists`);
  const now = iso();
  const rec: DatasetRecord = {
    id,
    dataset: {
      name: `${store.prefix}/datasets/${id}`,
      displayName,
      createTime: now,
      updateTime: now,
      state: "UPLOADING",
      status: { code: "OK", message: "" },
      exampleCount: String(count ?? 0),
      estimatedTokenCount: "0",
      userUploaded: {},
      format,
      createdBy: `${store.config.account}@example.test`,
    },
    content: null,
    filename: null,
    announced: new Map(),
    staged: new Map(),
    examples: 0,
    tokens: 0,
    clientCount: count !== undefined,
  };
  store.datasets.set(id, rec);
  return rec.dataset;
}

/** Checks a file and, if valid, makes the dataset READY; otherwise a 400 naming the first bad line. */
function accept(store: Store, rec: DatasetRecord, content: Buffer, filename: string): void {
  const check = checkDataset(content, filename);
  if (!check.ok) throw invalid(`invalid dataset file ${filename}: ${check.error}`);
  rec.content = content;
  rec.filename = filename;
  rec.examples = check.examples;
  rec.tokens = check.tokens;
  Object.assign(rec.dataset, {
    state: "READY",
    updateTime: iso(),
    exampleCount: rec.clientCount ? rec.dataset.exampleCount : String(check.examples),
    estimatedTokenCount: String(check.tokens),
    format: rec.dataset.format === "FORMAT_UNSPECIFIED" ? "CHAT" : rec.dataset.format,
  });
}

function uploadable(store: Store, id: string): DatasetRecord {
  const rec = getDataset(store, id);
  if (rec.dataset.state === "READY")
    throw precondition(`Dataset ${rec.dataset.name} is already uploaded: a dataset is immutable once READY`);
  return rec;
}

/** POST :upload, multipart/form-data with the field `file`. */
export async function uploadDataset(store: Store, id: string, contentType: string | undefined, body: Buffer) {
  const rec = uploadable(store, id);
  if (!contentType?.startsWith("multipart/form-data")) throw invalid('the file must be sent as multipart/form-data with the field "file"');
  let form: FormData;
  try {
    form = await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw invalid("could not parse the multipart/form-data body");
  }
  const file = form.get("file");
  if (!file || typeof file === "string") throw invalid('the multipart body has no file in the field "file"');
  if (file.size > store.config.maxUploadBytes)
    throw invalid(
      `the file has ${file.size} bytes; :upload takes at most ${store.config.maxUploadBytes}: use getUploadEndpoint for larger files`,
    );
  const content = Buffer.from(await file.arrayBuffer());
  const filename = file.name || "dataset.jsonl";
  accept(store, rec, content, filename);
  return { id, object: "file", bytes: content.length, created_at: Math.floor(Date.now() / 1000), filename, purpose: "fine-tune" };
}

const signature = (account: string, id: string, filename: string) =>
  createHash("sha256").update(`${SECRET}/${account}/${id}/${filename}`).digest("hex");

/** POST :getUploadEndpoint `{ filenameToSize: { name: size } }` -> `{ filenameToSignedUrls: { name: url } }`. */
export function uploadEndpoint(store: Store, id: string, body: Buffer) {
  const rec = uploadable(store, id);
  const r = new Reader(body.toString("utf8"), parseBody(body));
  r.only(["filenameToSize", "readMask"]);
  const sizes = r.object("filenameToSize");
  const names = sizes ? Object.keys(sizes.obj) : [];
  if (!sizes || names.length === 0) throw invalid("filename_to_size is required: map the file name to its size in bytes");
  if (names.length > 1) throw invalid("the test server takes one file per dataset (a limit of the test server)");
  const urls: Record<string, string> = {};
  for (const name of names) {
    const size = sizes.int64(name)!;
    if (size <= 0) throw invalid(`invalid size ${size} for ${name}: must be positive`);
    rec.announced.set(name, size);
    const q = new URLSearchParams({
      "X-Goog-Algorithm": "GOOG4-RSA-SHA256",
      "X-Goog-Expires": "3600",
      "X-Goog-Signature": signature(store.config.account, id, name),
    });
    urls[name] = `${store.origin}/signed/upload/${store.config.account}/${id}/${encodeURIComponent(name)}?${q}`;
  }
  return { filenameToSignedUrls: urls };
}

/** PUT to a signed upload URL (no bearer: the signature is the credential). */
export function signedUpload(store: Store, account: string, id: string, filename: string, query: URLSearchParams, body: Buffer) {
  if (query.get("X-Goog-Signature") !== signature(account, id, filename))
    throw new SignedUrlError(403, "SignatureDoesNotMatch: the request signature does not match this URL");
  const rec = store.datasets.get(id);
  if (!rec || !rec.announced.has(filename)) throw new SignedUrlError(404, "NoSuchUpload: no upload was announced for this URL");
  rec.staged.set(filename, body);
  return "";
}

/** POST :validateUpload `{}`: checks the staged file and makes the dataset READY. */
export function validateUpload(store: Store, id: string, body: Buffer) {
  const rec = uploadable(store, id);
  new Reader(body.toString("utf8"), parseBody(body)).only([]);
  if (rec.announced.size === 0)
    throw precondition(`Dataset ${rec.dataset.name} has no upload to validate: call getUploadEndpoint and PUT the file first`);
  for (const [name, size] of rec.announced) {
    const staged = rec.staged.get(name);
    if (!staged) throw precondition(`file ${name} was not uploaded to its signed URL`);
    if (staged.length !== size) throw invalid(`file ${name} has ${staged.length} bytes, not the ${size} announced in getUploadEndpoint`);
    accept(store, rec, staged, name);
  }
  return {};
}

export const readDataset = (store: Store, id: string, query: URLSearchParams) =>
  mask({ ...getDataset(store, id).dataset }, query.get("readMask") ?? query.get("read_mask"), DATASET_FIELDS);

export const listDatasets = (store: Store, query: URLSearchParams) =>
  list(
    [...store.datasets.values()].map((d) => ({ ...d.dataset })),
    query,
    "datasets",
    FILTERABLE,
    DATASET_FIELDS,
  );

export function deleteDataset(store: Store, id: string) {
  getDataset(store, id);
  store.datasets.delete(id);
  return {};
}

// /v1/files: POST /files/upload (multipart: purpose, file_name, file, optional file_type), GET /files,
// GET /files/{id}, DELETE /files/{id} (openapi.yaml paths /files*, docs.together.ai/reference/upload-file).
// A fine-tune upload answers processing_status PENDING; the next tick sets COMPLETED or INVALID_FORMAT
// with a validation_report (docs.together.ai/docs/changelog, June 8 2026). Other purposes skip validation.
import { ApiError, badRequest } from "../openai-server/util";
import type { Store } from "./store";
import type { TogetherFile } from "./types";

/** FilePurpose values a client may upload (upload-file reference: fine-tune, eval, batch-api). */
const PURPOSES = ["fine-tune", "eval", "batch-api"];
const FILE_TYPES = ["jsonl", "csv", "parquet"] as const;

const missing = (field: string) =>
  badRequest(`Missing required field '${field}' in the multipart form.`, field, "missing_required_parameter");

export async function uploadFile(store: Store, contentType: string | undefined, body: Buffer): Promise<TogetherFile> {
  if (!contentType?.startsWith("multipart/form-data"))
    throw badRequest("Files must be uploaded as multipart/form-data to /v1/files/upload.", null);
  let form: FormData;
  try {
    form = await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw badRequest("Could not parse the multipart/form-data body.", null);
  }
  const purpose = form.get("purpose");
  const fileName = form.get("file_name");
  const file = form.get("file");
  const fileType = form.get("file_type") ?? "jsonl";
  if (typeof purpose !== "string") throw missing("purpose");
  if (typeof fileName !== "string" || fileName === "") throw missing("file_name");
  if (!file || typeof file === "string") throw missing("file");
  if (!PURPOSES.includes(purpose))
    throw badRequest(`Invalid purpose '${purpose}'. Supported values are: ${PURPOSES.join(", ")}.`, "purpose", "invalid_value");
  if (typeof fileType !== "string" || !(FILE_TYPES as readonly string[]).includes(fileType))
    throw badRequest(
      `Invalid file_type '${String(fileType)}'. Supported values are: ${FILE_TYPES.join(", ")}.`,
      "file_type",
      "invalid_value",
    );
  const content = Buffer.from(await file.arrayBuffer());
  return store.addFile(content, fileName, purpose, fileType as (typeof FILE_TYPES)[number]).object;
}

export function getFile(store: Store, id: string) {
  const file = store.files.get(id);
  if (!file) throw new ApiError(404, `File ${id} not found.`, "id", "not_found");
  return file;
}

export const retrieveFile = (store: Store, id: string) => getFile(store, id).object;

export function deleteFile(store: Store, id: string) {
  getFile(store, id);
  store.files.delete(id);
  return { id, deleted: true };
}

/** FileList: `{ data }`, in upload order (the API documents no order). */
export function listFiles(store: Store) {
  return { data: [...store.files.values()].map((f) => f.object) };
}

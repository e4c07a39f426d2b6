// /v1/files: upload (multipart/form-data, CreateFileRequest), list, retrieve, content, delete.
import type { Store } from "./store";
import { validateTrainingJsonl } from "./validate";
import { ApiError, badRequest } from "./util";
import { page } from "./jobs";

// CreateFileRequest.purpose. The rest of OpenAIFile.purpose (batch_output, fine-tune-results, ...)
// is set by the API itself and cannot be uploaded.
const UPLOAD_PURPOSES = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];

export async function uploadFile(store: Store, contentType: string | undefined, body: Buffer) {
  if (!contentType?.startsWith("multipart/form-data"))
    throw badRequest("Invalid request: files must be uploaded as multipart/form-data.", null);
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
  const file = form.get("file");
  if (typeof purpose !== "string") throw badRequest("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
  if (!file || typeof file === "string") throw badRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
  if (!UPLOAD_PURPOSES.includes(purpose)) {
    const supported = UPLOAD_PURPOSES.map((p) => `'${p}'`).join(", ");
    throw badRequest(`Invalid value for 'purpose': '${purpose}'. Supported values are: ${supported}.`, "purpose", "invalid_value");
  }
  const content = Buffer.from(await file.arrayBuffer());
  if (purpose === "fine-tune" && !file.name.endsWith(".jsonl"))
    throw badRequest("Invalid file format for Fine-Tuning API. Must be .jsonl", "file");
  const checked = purpose === "fine-tune" ? validateTrainingJsonl(content) : undefined;
  return store.addFile(content, file.name, purpose, checked).object;
}

function getFile(store: Store, id: string) {
  const file = store.files.get(id);
  if (!file) throw new ApiError(404, `No such File object: ${id}`, "id");
  return file;
}

export const retrieveFile = (store: Store, id: string) => getFile(store, id).object;

/** Content of a file. Like the real API, uploaded training data (purpose fine-tune) cannot be downloaded. */
export function fileContent(store: Store, id: string): Buffer {
  const file = getFile(store, id);
  if (file.object.purpose === "fine-tune") throw badRequest(`Not allowed to download files of purpose: ${file.object.purpose}`, null);
  return file.content;
}

export function deleteFile(store: Store, id: string) {
  getFile(store, id);
  store.files.delete(id);
  return { id, object: "file" as const, deleted: true };
}

export function listFiles(store: Store, query: URLSearchParams) {
  const purpose = query.get("purpose");
  let files = [...store.files.values()].map((f) => f.object).filter((f) => !purpose || f.purpose === purpose);
  if (query.get("order") !== "asc") files = files.reverse();
  const p = page(files, query, 10000, "file");
  return { ...p, first_id: p.data[0]?.id ?? null, last_id: p.data[p.data.length - 1]?.id ?? null };
}

// Where uploaded files live: data/uploads/<job id>.<ext>, with the rejected-lines report beside it.
// CLI imports are copied in here too: nothing is ever written beside, or deleted from, a user's folder.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createHash } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FormatId } from "../../formats/types";
import { dataSubdir, isOwnedPath } from "../files/data-dir";

export type ImportFormat = FormatId;

const MB = 1024 * 1024;

/** The largest upload (TOOLTUNE_MAX_UPLOAD_MB, default 512) and a project's disk quota (TOOLTUNE_PROJECT_QUOTA_MB, default 10,240). */
export function uploadLimits(): { maxUploadBytes: number; projectQuotaBytes: number } {
  const mb = (name: string, fallback: number) => {
    const v = Number(process.env[name] ?? fallback);
    return Number.isFinite(v) && v > 0 ? Math.floor(v * MB) : fallback * MB;
  };
  return { maxUploadBytes: mb("TOOLTUNE_MAX_UPLOAD_MB", 512), projectQuotaBytes: mb("TOOLTUNE_PROJECT_QUOTA_MB", 10_240) };
}

export function uploadsDir(): string {
  return dataSubdir("uploads");
}

/**
 * The rejected-lines report of an import's file: beside it in the uploads folder. Imports recorded
 * before CLI files were copied in point outside the data directory; their report goes to uploads/.
 */
export function errorsPathOf(filePath: string): string {
  if (isOwnedPath(filePath)) return filePath + ".errors.jsonl";
  return path.join(uploadsDir(), `outside-${createHash("sha256").update(filePath).digest("hex").slice(0, 16)}.errors.jsonl`);
}

/** The analysis's judged records (prepared.ts), beside the file like its report; the commit reads them instead of judging again. */
export function preparedPathOf(filePath: string): string {
  return errorsPathOf(filePath).replace(/\.errors\.jsonl$/, ".prepared.jsonl");
}

/** Every file an import keeps on disk: the upload, its report, its judged records, the BFCL answers. */
export function importFilesOf(job: { filePath: string; answersPath: string | null }): string[] {
  return [job.filePath, errorsPathOf(job.filePath), preparedPathOf(job.filePath), ...(job.answersPath ? [job.answersPath] : [])];
}

/** Streams a request body (or any web stream) to a file, stopping at `limit` bytes; returns the bytes written. */
export async function saveStream(body: ReadableStream<Uint8Array>, filePath: string, limit = uploadLimits().maxUploadBytes, tooLarge = (n: number) => new Error(`the file is larger than ${n} bytes`)): Promise<number> {
  let bytes = 0;
  const counted = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  counted.on("data", (c: Buffer) => {
    bytes += c.length;
    if (bytes > limit) counted.destroy(tooLarge(limit));
  });
  const out = createWriteStream(filePath);
  try {
    await pipeline(counted, out);
  } catch (e) {
    // The file may still be opening when the body fails: wait for it to close, so that the caller's
    // clean-up removes the file instead of racing its creation.
    if (!out.closed) await once(out, "close").catch(() => {});
    throw e;
  }
  return bytes;
}

// Where uploaded files live: data/uploads/<job id>.<ext>, with the rejected-lines report beside it.
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FormatId } from "../../formats/types";

export type ImportFormat = FormatId;

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export function uploadsDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.TOOLTUNE_DATA_DIR ?? "data", "uploads");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function errorsPathOf(filePath: string): string {
  return filePath + ".errors.jsonl";
}

/** Streams a request body (or any web stream) to a file; returns the bytes written. */
export async function saveStream(body: ReadableStream<Uint8Array>, filePath: string): Promise<number> {
  let bytes = 0;
  const counted = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  counted.on("data", (c: Buffer) => {
    bytes += c.length;
    if (bytes > MAX_UPLOAD_BYTES) counted.destroy(new Error(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB`));
  });
  await pipeline(counted, createWriteStream(filePath));
  return bytes;
}

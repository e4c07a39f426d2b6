// ToolTune writes and deletes files only inside its own data directory (TOOLTUNE_DATA_DIR, default
// ./data): uploads, error reports, run files. A user's own file (a path given to the CLI) is copied
// in, never written beside or removed. Every delete goes through removeOwned, which refuses the rest.
import { copyFile, constants } from "node:fs/promises";
import { mkdirSync, realpathSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.TOOLTUNE_DATA_DIR ?? "data");
}

/** A folder under the data directory, created on first use. */
export function dataSubdir(...parts: string[]): string {
  const dir = path.join(dataDir(), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The real path of p, or of its nearest existing parent with the rest appended (links resolved). */
function realish(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realish(parent), path.basename(abs));
  }
}

/** True when p lies strictly inside the data directory (after resolving links). */
export function isOwnedPath(p: string): boolean {
  const rel = path.relative(realish(dataDir()), realish(p));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** Removes a file ToolTune made; a path outside the data directory is left alone (and reported). */
export function removeOwned(p: string | null | undefined): boolean {
  if (!p) return false;
  if (!isOwnedPath(p)) {
    console.warn(`tooltune: refused to delete ${p}: it is outside the data directory ${dataDir()}`);
    return false;
  }
  rmSync(p, { force: true, recursive: true });
  return true;
}

/** Copies a user's file into the data directory (copy-on-write where the file system allows). */
export async function copyIntoDataDir(source: string, target: string): Promise<number> {
  if (!isOwnedPath(target)) throw new Error(`${target} is outside the data directory`);
  await copyFile(source, target, constants.COPYFILE_FICLONE);
  return statSync(target).size;
}

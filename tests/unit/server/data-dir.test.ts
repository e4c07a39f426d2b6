// ToolTune deletes only what lies inside its data directory, whatever the path looks like.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { copyIntoDataDir, isOwnedPath, removeOwned } from "@/lib/server/files/data-dir";

let root: string;
let data: string;
const saved = process.env.TOOLTUNE_DATA_DIR;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "tooltune-dd-"));
  data = path.join(root, "data");
  mkdirSync(path.join(data, "uploads"), { recursive: true });
  process.env.TOOLTUNE_DATA_DIR = data;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  if (saved === undefined) delete process.env.TOOLTUNE_DATA_DIR;
  else process.env.TOOLTUNE_DATA_DIR = saved;
  vi.restoreAllMocks();
});

describe("the data directory guard", () => {
  it("owns files below the data directory, not the directory itself, its parent or a sibling with the same prefix", () => {
    expect(isOwnedPath(path.join(data, "uploads", "a.jsonl"))).toBe(true);
    expect(isOwnedPath(path.join(data, "uploads", "not-yet-made", "b.jsonl"))).toBe(true);
    expect(isOwnedPath(data)).toBe(false);
    expect(isOwnedPath(path.join(root, "mine.jsonl"))).toBe(false);
    expect(isOwnedPath(path.join(root, "data-other", "x.jsonl"))).toBe(false);
    expect(isOwnedPath(path.join(data, "uploads", "..", "..", "mine.jsonl"))).toBe(false);
  });

  it("follows links: a link inside the data directory to a user's folder is not owned", () => {
    const home = path.join(root, "home");
    mkdirSync(home);
    writeFileSync(path.join(home, "mine.jsonl"), "{}\n");
    symlinkSync(home, path.join(data, "uploads", "link"));
    expect(isOwnedPath(path.join(data, "uploads", "link", "mine.jsonl"))).toBe(false);
    expect(removeOwned(path.join(data, "uploads", "link", "mine.jsonl"))).toBe(false);
    expect(existsSync(path.join(home, "mine.jsonl"))).toBe(true);
  });

  it("removes its own file and refuses a user's, saying why", () => {
    const own = path.join(data, "uploads", "a.jsonl");
    const mine = path.join(root, "mine.jsonl");
    writeFileSync(own, "{}\n");
    writeFileSync(mine, "{}\n");
    expect(removeOwned(own)).toBe(true);
    expect(existsSync(own)).toBe(false);
    expect(removeOwned(mine)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining(`refused to delete ${mine}`));
  });

  it("copies a user's file in and will not copy to a place outside", async () => {
    const mine = path.join(root, "mine.jsonl");
    writeFileSync(mine, "{\"a\":1}\n");
    expect(await copyIntoDataDir(mine, path.join(data, "uploads", "c.jsonl"))).toBe(8);
    await expect(copyIntoDataDir(mine, path.join(root, "elsewhere.jsonl"))).rejects.toThrow(/outside the data directory/);
  });
});

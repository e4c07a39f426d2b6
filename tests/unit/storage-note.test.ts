import { describe, expect, it } from "vitest";
import { uploadRefusal } from "@/components/imports/StorageNote";

const MB = 1024 * 1024;
const storage = { usedBytes: 900 * MB, uploadsBytes: 700 * MB, runFilesBytes: 200 * MB, quotaBytes: 1024 * MB, maxUploadBytes: 512 * MB };

describe("refusing an upload before it starts", () => {
  it("names the upload limit for a file over it", () => {
    expect(uploadRefusal({ name: "huge.jsonl", size: 600 * MB }, storage)).toBe("huge.jsonl is 600.0 MB, over the 512.0 MB upload limit.");
  });
  it("names the quota for a file that fits the limit but not the project", () => {
    expect(uploadRefusal({ name: "mid.jsonl", size: 200 * MB }, storage)).toMatch(/^mid\.jsonl \(200\.0 MB\) would take this project over its 1\.00 GB disk quota \(900\.0 MB used\)/);
  });
  it("lets a file through that fits both, and anything while the numbers are loading", () => {
    expect(uploadRefusal({ name: "ok.jsonl", size: 100 * MB }, storage)).toBeNull();
    expect(uploadRefusal({ name: "ok.jsonl", size: 100 * MB }, undefined)).toBeNull();
  });
});

// Datasets: creation refusals, the file check with the first bad line named, the signed-URL upload flow,
// listing with pages, auth and account checks, all in Fireworks' gateway error shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FireworksServer } from "@/tests/support/fireworks-server/server";
import { checkDataset } from "@/tests/support/fireworks-server/dataset";
import { A, ACCOUNT, call, createDataset, example, jsonl, start, upload, type GrpcBody } from "./helpers";

let server: FireworksServer;
beforeAll(async () => {
  server = await start({ manual: true });
});
afterAll(() => server.close());

describe("creating a dataset", () => {
  it("refuses ids that break the resource id rules, with INVALID_ARGUMENT (code 3, HTTP 400)", async () => {
    for (const id of ["9lives", "Upper", "trailing-", "-lead", "a".repeat(64), "under_score"]) {
      const res = await createDataset(server, id);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        code: 3,
        message: `invalid dataset id "${id}": an id has 1 to 63 characters of a-z, 0-9 and hyphen, does not begin or end with a hyphen and does not begin with a digit`,
        details: [],
      });
    }
    expect((await createDataset(server, "a".repeat(63))).status).toBe(200);
  });

  it("refuses a second dataset with the same id with ALREADY_EXISTS (code 6, HTTP 409)", async () => {
    expect((await createDataset(server, "twice")).status).toBe(200);
    const again = await createDataset(server, "twice");
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ code: 6, message: `Dataset accounts/${ACCOUNT}/datasets/twice already exists`, details: [] });
  });

  it("refuses unknown and mistyped fields the way protojson words it, and ignores output-only ones", async () => {
    const unknown = await call<GrpcBody>(server, "POST", `${A}/datasets`, '{"datasetId": "x1", "dataset": {}, "dataset_name": "x"}');
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe('proto: (line 1:36): unknown field "dataset_name"');
    const typed = await call<GrpcBody>(server, "POST", `${A}/datasets`, { datasetId: "x2", dataset: { exampleCount: "many" } });
    expect(typed.json.message).toMatch(/^proto: \(line 1:\d+\): invalid value for int64 field dataset\.exampleCount: "many"$/);
    const outputOnly = await call(server, "POST", `${A}/datasets`, { datasetId: "x3", dataset: { state: "READY", userUploaded: {} } });
    expect(outputOnly.json).toMatchObject({ state: "UPLOADING" });
    expect((await call<GrpcBody>(server, "POST", `${A}/datasets`, { dataset: {} })).json.message).toBe("dataset_id is required");
  });

  it("keeps the exampleCount the client gives", async () => {
    await createDataset(server, "counted", { exampleCount: "5" });
    await upload(server, "counted", jsonl(5));
    expect((await call(server, "GET", `${A}/datasets/counted`)).json.exampleCount).toBe("5");
  });
});

describe("the file check", () => {
  const bad = async (id: string, text: string, filename = "train.jsonl") => {
    await createDataset(server, id);
    const res = await upload(server, id, text, filename);
    const after = await call(server, "GET", `${A}/datasets/${id}`);
    expect(after.json.state).toBe("UPLOADING"); // a refused file leaves the dataset uploading
    return res;
  };

  it("names the first bad line and leaves the dataset UPLOADING", async () => {
    const text = jsonl(4, (i, l) =>
      i === 2
        ? {
            messages: [
              { role: "user", content: "hi" },
              { role: "bot", content: "?" },
            ],
          }
        : l,
    );
    const res = await bad("bad-role", text);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: 3,
      message: 'invalid dataset file train.jsonl: Line 3: messages[1].role must be one of system, user, assistant, tool (got "bot")',
      details: [],
    });
  });

  it("checks the function-calling format: tool_calls arguments are a string of JSON, tools follow a call", async () => {
    const args = jsonl(2, (i, l) => {
      if (i !== 1) return l;
      const messages = (l.messages as Record<string, unknown>[]).map((m) =>
        m.tool_calls ? { ...m, tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "x" } } }] } : m,
      );
      return { ...l, messages };
    });
    expect((await bad("bad-args", args)).json.message).toBe(
      "invalid dataset file train.jsonl: Line 2: messages[2].tool_calls[0].function.arguments must be a string of JSON (got object)",
    );
    const orphan = jsonl(1, () => ({
      messages: [
        { role: "user", content: "x" },
        { role: "tool", content: "{}" },
        { role: "assistant", content: "y" },
      ],
    }));
    expect((await bad("bad-tool", orphan)).json.message).toBe(
      "invalid dataset file train.jsonl: Line 1: messages[1] is a tool message that does not follow an assistant message with tool_calls",
    );
  });

  it("refuses a file that is not .jsonl, not JSON, or mixes weighted and unweighted samples", async () => {
    expect((await bad("bad-ext", jsonl(3), "train.json")).json.message).toBe(
      "invalid dataset file train.json: File train.json is not a .jsonl file: datasets must be in JSONL format.",
    );
    expect((await bad("bad-json", `${JSON.stringify(example(0))}\n{"messages": [\n`)).json.message).toBe(
      "invalid dataset file train.jsonl: Line 2: the line is not valid JSON",
    );
    const weights = jsonl(3, (i, l) => (i === 0 ? { ...l, weight: 0.5 } : l));
    expect((await bad("bad-weight", weights)).json.message).toBe(
      "invalid dataset file train.jsonl: Line 2: the example has no weight: once used, weight must be present in all samples",
    );
  });

  it("the pure check agrees: valid data counts examples and sees tools", () => {
    expect(checkDataset(Buffer.from(jsonl(3)), "a.jsonl")).toMatchObject({ ok: true, examples: 3, hasTools: true });
    expect(checkDataset(Buffer.from(""), "a.jsonl")).toMatchObject({ ok: false, error: "The file is empty." });
    expect(checkDataset(Buffer.from(jsonl(1, () => ({ messages: [{ role: "user", content: "x" }] }))), "a.jsonl").error).toBe(
      "Line 1: messages must contain at least one assistant message",
    );
  });

  it("a READY dataset is immutable: a second upload is FAILED_PRECONDITION (code 9, HTTP 400)", async () => {
    await createDataset(server, "immutable");
    expect((await upload(server, "immutable", jsonl(3))).status).toBe(200);
    const again = await upload(server, "immutable", jsonl(3));
    expect(again.status).toBe(400);
    expect(again.json).toEqual({
      code: 9,
      message: `Dataset accounts/${ACCOUNT}/datasets/immutable is already uploaded: a dataset is immutable once READY`,
      details: [],
    });
  });

  it("refuses an upload to an unknown dataset with NOT_FOUND (code 5, HTTP 404)", async () => {
    const res = await upload(server, "nope", jsonl(3));
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 5, message: `Dataset accounts/${ACCOUNT}/datasets/nope not found`, details: [] });
  });
});

describe("the signed-URL upload", () => {
  it("getUploadEndpoint → PUT to the signed URL (no bearer) → validateUpload makes the dataset READY", async () => {
    await createDataset(server, "big");
    const text = jsonl(6);
    const size = Buffer.byteLength(text);
    const endpoint = await call<{ filenameToSignedUrls: Record<string, string> }>(server, "POST", `${A}/datasets/big:getUploadEndpoint`, {
      filenameToSize: { "big.jsonl": String(size) },
    });
    expect(endpoint.status).toBe(200);
    const url = endpoint.json.filenameToSignedUrls["big.jsonl"];
    expect(url).toMatch(new RegExp(`^${server.url}/signed/upload/${ACCOUNT}/big/big\\.jsonl\\?`));
    expect((await call<GrpcBody>(server, "POST", `${A}/datasets/big:validateUpload`, {})).json.message).toBe(
      "file big.jsonl was not uploaded to its signed URL",
    );
    expect((await fetch(url.replace(/Signature=\w+/, "Signature=0"), { method: "PUT", body: text })).status).toBe(403);
    expect((await fetch(url, { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: text })).status).toBe(200);
    const validated = await call(server, "POST", `${A}/datasets/big:validateUpload`, {});
    expect(validated).toMatchObject({ status: 200, json: {} });
    expect((await call(server, "GET", `${A}/datasets/big`)).json).toMatchObject({ state: "READY", exampleCount: "6" });
  });

  it("refuses a staged file whose size differs from the announced one", async () => {
    await createDataset(server, "short");
    const endpoint = await call<{ filenameToSignedUrls: Record<string, string> }>(server, "POST", `${A}/datasets/short:getUploadEndpoint`, {
      filenameToSize: { "s.jsonl": 10 },
    });
    await fetch(endpoint.json.filenameToSignedUrls["s.jsonl"], { method: "PUT", body: jsonl(3) });
    const res = await call<GrpcBody>(server, "POST", `${A}/datasets/short:validateUpload`, {});
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(`file s.jsonl has ${Buffer.byteLength(jsonl(3))} bytes, not the 10 announced in getUploadEndpoint`);
  });
});

describe("listing, deleting, auth", () => {
  it("pages with pageSize and nextPageToken (omitted on the last page), ordered by name, with totalSize", async () => {
    const s = await start({ manual: true });
    try {
      for (const id of ["d-c", "d-a", "d-b"]) await createDataset(s, id);
      const first = await call<{ datasets: { name: string }[]; nextPageToken?: string; totalSize: number }>(
        s,
        "GET",
        `${A}/datasets?pageSize=2`,
      );
      expect(first.json.datasets.map((d) => d.name.split("/").pop())).toEqual(["d-a", "d-b"]);
      expect(first.json.totalSize).toBe(3);
      const second = await call<{ datasets: { name: string }[]; nextPageToken?: string }>(
        s,
        "GET",
        `${A}/datasets?pageSize=2&pageToken=${first.json.nextPageToken}`,
      );
      expect(second.json.datasets.map((d) => d.name.split("/").pop())).toEqual(["d-c"]);
      expect(second.json).not.toHaveProperty("nextPageToken");
      const mismatch = await call<GrpcBody>(s, "GET", `${A}/datasets?pageSize=2&orderBy=create_time&pageToken=${first.json.nextPageToken}`);
      expect(mismatch.json.message).toBe("page_token does not match the other parameters of the call that returned it");
      const masked = await call<{ datasets: Record<string, unknown>[] }>(
        s,
        "GET",
        `${A}/datasets?readMask=name,state&filter=${encodeURIComponent('name:"d-b"')}`,
      );
      expect(masked.json.datasets).toEqual([{ name: `accounts/${ACCOUNT}/datasets/d-b`, state: "UPLOADING" }]);
    } finally {
      await s.close();
    }
  });

  it("deletes a dataset (DELETE → {}), then it is NOT_FOUND", async () => {
    await createDataset(server, "gone");
    expect(await call(server, "DELETE", `${A}/datasets/gone`)).toMatchObject({ status: 200, json: {} });
    expect((await call(server, "GET", `${A}/datasets/gone`)).status).toBe(404);
  });

  it("refuses a missing or wrong key with UNAUTHENTICATED (code 16, HTTP 401), another account with PERMISSION_DENIED", async () => {
    for (const key of [null, "wrong"]) {
      const res = await call(server, "GET", `${A}/datasets`, undefined, key);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ code: 16, message: "unauthenticated: the API key is missing or invalid", details: [] });
    }
    const other = await call(server, "GET", "/v1/accounts/someone-else/datasets");
    expect(other.status).toBe(403);
    expect(other.json).toEqual({ code: 7, message: "permission denied on account someone-else", details: [] });
  });
});

// /v1/files through the real SDK: upload, validation of every training line, auth, content rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import { apiError, client, jsonl, specErrors, start, upload } from "./helpers";

let server: OpenAIServer;
let c: OpenAI;
beforeAll(async () => {
  server = await start({ manual: true });
  c = client(server);
});
afterAll(() => server.close());

describe("files", () => {
  it("uploads a valid fine-tune file and returns a spec-shaped file object", async () => {
    const text = jsonl(12);
    const file = await upload(c, text);
    expect(file).toMatchObject({
      object: "file",
      bytes: Buffer.byteLength(text),
      filename: "train.jsonl",
      purpose: "fine-tune",
      status: "processed",
    });
    expect(file.id).toMatch(/^file-[A-Za-z0-9]{24}$/);
    expect(specErrors("OpenAIFile", file)).toEqual([]);
    expect(await c.files.retrieve(file.id)).toEqual(file);
    const listed = await c.files.list();
    expect(listed.data.map((f) => f.id)).toContain(file.id);
  });

  it("accepts the weight field, tool messages and content parts the spec allows", async () => {
    const text = jsonl(10, (i, line) =>
      i === 0
        ? {
            messages: [
              { role: "user", content: [{ type: "text", text: "hi" }] },
              {
                role: "assistant",
                content: "calling",
                weight: 0,
                tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
              },
              { role: "tool", tool_call_id: "c1", content: "ok" },
              { role: "assistant", content: "done", weight: 1 },
            ],
            parallel_tool_calls: false,
          }
        : line,
    );
    await expect(upload(c, text)).resolves.toMatchObject({ purpose: "fine-tune" });
  });

  it("rejects a purpose the API does not accept", async () => {
    const err = await apiError(() => upload(c, jsonl(10), "train.jsonl", "fine_tune" as "fine-tune"));
    expect(err.status).toBe(400);
    expect(err.param).toBe("purpose");
    expect(err.message).toContain("Supported values are");
  });

  it("names the line and the field of a message with a wrong role", async () => {
    const text = jsonl(12, (i, line) => (i === 2 ? { messages: [{ role: "bot", content: "hello" }] } : line));
    const err = await apiError(() => upload(c, text));
    expect(err.status).toBe(400);
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toContain("Line 3");
    expect(err.message).toContain("messages[0].role");
    expect(err.message).toMatch(/'system', 'user', 'assistant', 'tool', and 'function'/);
  });

  it("words other line problems precisely: missing field, bad weight, not JSON, not an object", async () => {
    const missing = jsonl(10, (i, l) => (i === 4 ? { messages: [{ role: "tool", content: "x" }] } : l));
    expect((await apiError(() => upload(c, missing))).message).toMatch(/Line 5.*Missing required parameter: 'messages\[0\]\.tool_call_id'/);
    const weight = jsonl(10, (i, l) => (i === 0 ? { messages: [{ role: "assistant", content: "x", weight: 2 }] } : l));
    expect((await apiError(() => upload(c, weight))).message).toMatch(/Line 1.*messages\[0\]\.weight.*'0' and '1'/);
    expect((await apiError(() => upload(c, jsonl(3) + "{oops\n"))).message).toContain("Line 4 is not valid JSON");
    expect((await apiError(() => upload(c, jsonl(3) + "[1,2]\n"))).message).toContain("Line 4 is not a dictionary");
    const call = { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: { a: 1 } } }] };
    const args = jsonl(10, (i, l) => (i === 6 ? { messages: [call] } : l));
    // the tool-call union is narrowed by `type`, so the error is about the function call, not the custom one
    expect((await apiError(() => upload(c, args))).message).toBe(
      "Invalid file format. Line 7: Invalid type for 'messages[0].tool_calls[0].function.arguments': expected a string, but got an object instead.",
    );
    const empty = jsonl(10, (i, l) => (i === 9 ? { messages: [] } : l));
    expect((await apiError(() => upload(c, empty))).message).toMatch(/Line 10.*messages.*array too short/);
  });

  it("requires a .jsonl name for fine-tune files", async () => {
    const err = await apiError(() => upload(c, jsonl(10), "train.json"));
    expect(err.status).toBe(400);
    expect(err.message).toBe("Invalid file format for Fine-Tuning API. Must be .jsonl");
  });

  it("does not let uploaded training data be downloaded, and 404s unknown files", async () => {
    const file = await upload(c, jsonl(10));
    const err = await apiError(() => c.files.content(file.id));
    expect(err.status).toBe(400);
    expect(err.message).toBe("Not allowed to download files of purpose: fine-tune");
    expect((await apiError(() => c.files.retrieve("file-nope"))).status).toBe(404);
  });

  it("deletes files", async () => {
    const file = await upload(c, jsonl(10));
    const deleted = await c.files.delete(file.id);
    expect(deleted).toEqual({ id: file.id, object: "file", deleted: true });
    expect(specErrors("DeleteFileResponse", deleted)).toEqual([]);
    expect((await apiError(() => c.files.retrieve(file.id))).status).toBe(404);
  });

  it("answers 401 in OpenAI's error shape for a wrong or missing key", async () => {
    const err = await apiError(() => client(server, { apiKey: "sk-wrong-key-1234" }).files.list());
    expect(err.status).toBe(401);
    expect(err.code).toBe("invalid_api_key");
    expect(err.message).toMatch(/^Incorrect API key provided: sk-\*+1234\./);
    const wrongUpload = await apiError(() => upload(client(server, { apiKey: "sk-nope-000000" }), jsonl(200)));
    expect(wrongUpload).toMatchObject({ status: 401, code: "invalid_api_key" });
    const res = await fetch(`${server.url}/v1/fine_tuning/jobs`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(specErrors("ErrorResponse", body)).toEqual([]);
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
  });

  it("answers unknown routes like the real API", async () => {
    const res = await fetch(`${server.url}/v1/fine_tuning/jobz`, { headers: { authorization: "Bearer sk-test" } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe("Invalid URL (GET /v1/fine_tuning/jobz)");
  });
});

// /v1/files: the multipart upload and what it refuses, the validation pipeline naming the first bad line,
// list / retrieve / delete, and bearer auth in Together's wording.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TogetherServer } from "@/tests/support/together-server/server";
import { call, example, jsonl, start, upload, type ErrorBody } from "./helpers";

let server: TogetherServer;
beforeAll(async () => {
  server = await start({ manual: true });
});
afterAll(() => server.close());

/** Uploads `text`, settles the check, and returns the file object as GET /files/{id} shows it. */
async function checked(text: string, name = "train.jsonl") {
  const file = await upload(server, text, { file_name: name });
  expect(file.status).toBe(200);
  server.advance();
  return (await call(server, "GET", `/files/${file.json.id as string}`)).json as Record<string, unknown> & {
    processing_status: string;
    validation_report: Record<string, unknown>;
  };
}

const withLine = (n: number, bad: unknown) => jsonl(5, (i, l) => (i === n - 1 ? bad : l));

describe("upload", () => {
  it("refuses a request without a key, or with a wrong one, as Together does", async () => {
    for (const key of [null, "wrong-key"]) {
      const res = await call<ErrorBody>(server, "GET", "/files", undefined, key);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        error: {
          message: "Invalid API key provided. You can find your API key at https://api.together.ai/settings/api-keys.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
    }
  });

  it("needs purpose, file_name and file, a known purpose and file_type, and a multipart body", async () => {
    const noName = await upload(server, jsonl(3), { file_name: null });
    expect(noName.status).toBe(400);
    expect((noName.json as ErrorBody).error).toMatchObject({ param: "file_name", code: "missing_required_parameter" });
    const noPurpose = await upload(server, jsonl(3), { purpose: null });
    expect((noPurpose.json as ErrorBody).error.param).toBe("purpose");
    const wrongPurpose = await upload(server, jsonl(3), { purpose: "fine_tune" });
    expect(wrongPurpose.status).toBe(400);
    expect((wrongPurpose.json as ErrorBody).error.message).toBe(
      "Invalid purpose 'fine_tune'. Supported values are: fine-tune, eval, batch-api.",
    );
    const wrongType = await upload(server, jsonl(3), { file_type: "txt" });
    expect((wrongType.json as ErrorBody).error.message).toBe("Invalid file_type 'txt'. Supported values are: jsonl, csv, parquet.");
    const json = await call<ErrorBody>(server, "POST", "/files/upload", { purpose: "fine-tune" });
    expect(json.status).toBe(400);
    expect(json.json.error.message).toBe("Files must be uploaded as multipart/form-data to /v1/files/upload.");
  });

  it("skips validation for purposes other than fine-tune", async () => {
    const file = await upload(server, "a,b\n1,2\n", { purpose: "eval", file_name: "eval.csv", file_type: "csv" });
    expect(file.json).toMatchObject({ purpose: "eval", FileType: "csv", processing_status: "COMPLETED", Processed: true });
    expect(file.json).not.toHaveProperty("validation_report");
  });
});

describe("the validation pipeline", () => {
  it("names the first bad line in Together's form", async () => {
    const cases: [unknown, string][] = [
      [{ messages: [{ role: "user", content: "hi" }, { content: "no role" }] }, "Line 3: messages[1] must contain a role field"],
      [
        {
          messages: [
            { role: "user", content: "hi" },
            { role: "bot", content: "x" },
          ],
        },
        'Line 3: messages[1].role must be one of system, user, assistant, tool (got "bot")',
      ],
      [{ messages: [{ role: "user", content: "hi" }] }, "Line 3: at least one message with the assistant role must be present"],
      [
        {
          messages: [
            { role: "user", content: "a" },
            { role: "user", content: "b" },
            { role: "assistant", content: "c" },
          ],
        },
        'Line 3: messages[1] repeats the role "user": after the optional system message, roles must alternate user/assistant',
      ],
      [
        { messages: [{ role: "assistant", content: "first" }] },
        "Line 3: messages[0] must be a system or user message: a conversation starts with one",
      ],
      [
        {
          messages: [
            { role: "user", content: "a" },
            { role: "tool", content: "r", tool_call_id: "x" },
          ],
        },
        "Line 3: messages[1] is a tool message that does not follow an assistant message with tool_calls",
      ],
      [
        { messages: [{ role: "user", content: "a" }, { role: "assistant" }] },
        "Line 3: messages[1] must contain a content field or tool_calls",
      ],
      [
        {
          messages: [
            { role: "user", content: "a" },
            { role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: { a: 1 } } }] },
          ],
        },
        "Line 3: messages[1].tool_calls[0].function.arguments must be a string of JSON",
      ],
      [
        {
          messages: [
            { role: "user", content: "a" },
            { role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: "{oops" } }] },
          ],
        },
        "Line 3: messages[1].tool_calls[0].function.arguments is not valid JSON",
      ],
      [
        {
          messages: [
            { role: "user", content: "a", weight: 2 },
            { role: "assistant", content: "b" },
          ],
        },
        "Line 3: messages[0].weight must be either 0 or 1",
      ],
      [{ ...example(0), metadata: { a: 1 } }, 'Line 3: found extra column "metadata"'],
      [{ messages: [], text: "x" }, "Line 3: found multiple dataset formats: general and conversation"],
      [{ text: "plain" }, "Line 3: all samples must have the same dataset format: conversation on line 1, general here"],
      [{ prompt: "only a prompt" }, "Line 3: could not detect a dataset format from the columns: prompt"],
      [{ ...example(0), tools: [{ type: "function", function: {} }] }, "Line 3: tools[0].function.name must be a non-empty string"],
      ["just a string", "Line 3: the line must be a JSON object"],
    ];
    for (const [bad, error] of cases) {
      const file = await checked(withLine(3, bad));
      expect(file.processing_status, error).toBe("INVALID_FORMAT");
      expect(file.validation_report).toMatchObject({ valid: false, error_type: "INVALID_FORMAT", error });
    }
    const broken = await checked(jsonl(2) + "{not json\n");
    expect(broken.validation_report.error).toBe("Line 3: the line is not valid JSON");
  });

  it("refuses an empty file, a non-JSONL name and non-UTF-8 bytes", async () => {
    expect((await checked("\n\n")).validation_report.error).toBe("File is empty");
    expect((await checked(jsonl(3), "train.json")).validation_report.error).toBe(
      "Unknown extension of file train.json. Only files with extensions .jsonl, .parquet, and .csv are supported.",
    );
    const bytes = await (async () => {
      const form = new FormData();
      form.set("purpose", "fine-tune");
      form.set("file_name", "bad.jsonl");
      form.set("file", new Blob([new Uint8Array([0xff, 0xfe, 0x7b])]), "bad.jsonl");
      const res = await fetch(`${server.url}/v1/files/upload`, {
        method: "POST",
        headers: { authorization: "Bearer together-test-key" },
        body: form,
      });
      return (await res.json()) as { id: string };
    })();
    server.advance();
    expect((await call(server, "GET", `/files/${bytes.id}`)).json.validation_report).toMatchObject({ error: "File is not UTF-8 encoded." });
  });

  it("accepts parallel tool calls, weights, reasoning and text parts, and reports them", async () => {
    const file = await checked(
      jsonl(3, (i, l) =>
        i === 1
          ? {
              messages: [
                { role: "user", content: [{ type: "text", text: "two cities" }] },
                {
                  role: "assistant",
                  reasoning: "Two lookups.",
                  tool_calls: [
                    { id: "a", type: "function", function: { name: "get_weather", arguments: '{"city":"x"}' } },
                    { id: "b", type: "function", function: { name: "get_weather", arguments: '{"city":"y"}' } },
                  ],
                },
                { role: "tool", tool_call_id: "a", content: "1" },
                { role: "tool", tool_call_id: "b", content: "2" },
                { role: "assistant", content: "done", weight: 1 },
              ],
            }
          : l,
      ),
    );
    expect(file.processing_status).toBe("COMPLETED");
    expect(file.validation_report).toMatchObject({
      valid: true,
      nlines: 3,
      dataset_has_tools: true,
      dataset_has_parallel_tool_calls: true,
      dataset_has_message_weights: true,
      dataset_has_reasoning: true,
    });
  });
});

describe("list, retrieve, delete", () => {
  it("lists files as { data }, retrieves one, deletes it, then answers 404", async () => {
    const file = await upload(server, jsonl(2), { file_name: "listed.jsonl" });
    const id = file.json.id as string;
    const list = await call<{ data: { id: string }[] }>(server, "GET", "/files");
    expect(Object.keys(list.json)).toEqual(["data"]);
    expect(list.json.data.map((f) => f.id)).toContain(id);
    expect((await call(server, "GET", `/files/${id}`)).json).toMatchObject({ id, filename: "listed.jsonl" });
    expect((await call(server, "DELETE", `/files/${id}`)).json).toEqual({ id, deleted: true });
    const gone = await call<ErrorBody>(server, "GET", `/files/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatchObject({ message: `File ${id} not found.`, code: "not_found" });
  });
});

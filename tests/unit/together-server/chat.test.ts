// POST /v1/chat/completions: scripted replies (the OpenAI test server's script) in Together's response
// shape, the trained model by its output name, unknown models, and what the endpoint refuses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatScript } from "@/tests/support/openai-server/types";
import type { TogetherServer } from "@/tests/support/together-server/server";
import { call, jsonl, start, uploaded, type ErrorBody } from "./helpers";

const TOOLS = [
  { type: "function", function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } } } } },
];
const SCRIPT: ChatScript = {
  rules: [
    { match: "track order", reply: { tool_calls: [{ name: "get_order", arguments: '{"order_id":"A1"}' }] } },
    { match: "busy", fail: { status: 429, times: 1 }, reply: { content: "finally" } },
    { match: "flaky", fail: { status: 503, times: 1 } },
    { match: "long", reply: { content: "x".repeat(100) } },
  ],
};

type Completion = {
  id: string;
  object: string;
  model: string;
  prompt: unknown[];
  choices: {
    index: number;
    finish_reason: string;
    logprobs: null;
    seed: number;
    message: {
      role: string;
      content: string | null;
      tool_calls?: { id: string; type: string; index: number; function: { name: string; arguments: string } }[];
    };
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};

let server: TogetherServer;
let trained: string;
beforeAll(async () => {
  server = await start({ manual: true, chat: SCRIPT });
  const file = await uploaded(server, jsonl(4));
  const job = await call(server, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: file, suffix: "support" });
  trained = job.json.model_output_name as string;
});
afterAll(() => server.close());
beforeEach(() => server.setChat(SCRIPT)); // fresh error budgets

const ask = (text: string, extra: Record<string, unknown> = {}) =>
  call<Completion & ErrorBody>(server, "POST", "/chat/completions", {
    model: "Qwen/Qwen3-8B",
    messages: [{ role: "user", content: text }],
    ...extra,
  });

describe("chat completions", () => {
  it("answers the trained model only once its job has completed", async () => {
    const before = await ask("track order A1", { model: trained, tools: TOOLS });
    expect(before.status).toBe(404);
    const job = server.store.state().jobs.find((j) => j.model_output_name === trained)!;
    server.advance(job.id, 1, "completed");
    const res = await ask("please track order A1", { model: trained, tools: TOOLS, temperature: 0 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ object: "chat.completion", model: trained, prompt: [] });
    expect(res.json.id).toMatch(/^[a-z0-9]{7}-[a-z0-9]{6}-[0-9a-f]{16}$/);
    const choice = res.json.choices[0];
    expect(choice).toMatchObject({ index: 0, finish_reason: "tool_calls", logprobs: null, message: { role: "assistant", content: null } });
    expect(choice.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_[a-z0-9]{24}$/),
        type: "function",
        index: 0,
        function: { name: "get_order", arguments: '{"order_id":"A1"}' },
      },
    ]);
    expect(res.json.usage.total_tokens).toBe(res.json.usage.prompt_tokens + res.json.usage.completion_tokens);
  });

  it("answers base and serverless models, with the default reply and finish_reason stop", async () => {
    for (const model of ["Qwen/Qwen3-8B", "meta-llama/Llama-3.3-70B-Instruct-Turbo"]) {
      const res = await ask("hello", { model });
      expect(res.status).toBe(200);
      expect(res.json.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "I can help with orders and accounts." } });
    }
  });

  it("refuses an unknown model with Together's 404", async () => {
    const res = await ask("hello", { model: "acme/nope" });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        message: "Unable to access model acme/nope. Please visit https://api.together.ai/models to view the list of supported models.",
        type: "invalid_request_error",
        param: null,
        code: "model_not_available",
      },
    });
  });

  it("plays the script's errors once, with Retry-After, then the reply", async () => {
    const busy = await ask("busy now?");
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("0");
    expect((await ask("busy now?")).json.choices[0].message.content).toBe("finally");
    expect((await ask("flaky")).status).toBe(503);
    expect((await ask("flaky")).status).toBe(200);
    expect(server.state().chat).toMatchObject({ failed: 2 });
  });

  it("cuts a reply to max_tokens (4 characters a token) with finish_reason length", async () => {
    const res = await ask("long answer please", { max_tokens: 5 });
    expect(res.json.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "x".repeat(20) } });
    expect(res.json.usage.completion_tokens).toBe(5);
  });

  it("refuses malformed requests", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ messages: [] }, "'messages' must be a non-empty list"],
      [
        { messages: [{ role: "robot", content: "x" }] },
        'messages[0].role must be one of system, user, assistant, tool, function (got "robot")',
      ],
      [{ messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id is required for role tool"],
      [
        { parallel_tool_calls: true },
        "Unrecognized request argument supplied: parallel_tool_calls (the test server knows only the documented ChatCompletionRequest fields)",
      ],
      [{ temperature: "hot" }, "'temperature' must be a number"],
      [{ tools: [{ type: "function", function: {} }] }, 'tools[0] must be {"type": "function", "function": {"name", ...}}'],
      [{ stream: true }, "This test server does not stream: send 'stream': false or leave it out (a limit of the test server)."],
    ];
    for (const [extra, message] of cases) {
      const res = await ask("hi", extra);
      expect(res.status, message).toBe(400);
      expect(res.json.error.message).toBe(message);
    }
    const noModel = await call<ErrorBody>(server, "POST", "/chat/completions", { messages: [{ role: "user", content: "x" }] });
    expect(noModel.json.error).toMatchObject({ message: "Missing required field 'model'", param: "model" });
  });
});

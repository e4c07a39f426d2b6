// POST /v1/chat/completions through the real SDK: scripted replies and errors, what the API refuses,
// which models exist, latency, and the /_test/ accounting an evaluation test asserts on.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import type { ChatScript, TestState } from "@/tests/support/openai-server/types";
import { apiError, client, jsonl, launchMain, specErrors, start, stopLaunched, upload } from "./helpers";

const TOOLS = [
  {
    type: "function" as const,
    function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } } } },
  },
];

const SCRIPT: ChatScript = {
  rules: [
    { match: "track order", reply: { tool_calls: [{ name: "get_order", arguments: '{"order_id":"A1"}' }] } },
    { match: "broken", reply: { tool_calls: [{ name: "get_order", arguments: '{"order_id": "A1"' }] } },
    { match: "hello", reply: { content: "Hi! How can I help?" } },
    { match: "busy", fail: { status: 429, times: 2 }, reply: { content: "finally" } },
    { match: "flaky", fail: { status: 500, times: 1 } },
    { match: "which model", model: "gpt-4.1-mini", reply: { content: "from gpt-4.1-mini" } },
    { match: "long", reply: { content: "x".repeat(100) } },
  ],
};

let server: OpenAIServer;
let c: OpenAI;
beforeAll(async () => {
  server = await start({ manual: true, chat: SCRIPT });
  c = client(server);
});
afterAll(() => server.close());
beforeEach(() => {
  server.setChat(SCRIPT); // each test starts with fresh error budgets and no latency
  server.reset();
});

type Params = ChatCompletionCreateParamsNonStreaming;
const ask = (text: string, extra: Partial<Params> = {}, sdk = c) =>
  sdk.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }], ...extra });

const control = async (p: string, body?: unknown) => {
  const res = await fetch(`${server.url}/_test/${p}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
};
const state = async () => (await control("state")).json as TestState;

describe("scripted replies", () => {
  it("answers a scripted tool call with tool_calls, arguments verbatim, as CreateChatCompletionResponse shapes it", async () => {
    const res = await ask("please track order A1", { tools: TOOLS, temperature: 0 });
    expect(specErrors("CreateChatCompletionResponse", res)).toEqual([]);
    expect(res.id).toMatch(/^chatcmpl-[A-Za-z0-9]+$/);
    expect(res).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini", service_tier: "default" });
    expect(res.system_fingerprint).toMatch(/^fp_/);
    expect(res.choices).toHaveLength(1);
    const [choice] = res.choices;
    expect(choice).toMatchObject({ index: 0, finish_reason: "tool_calls", logprobs: null });
    expect(choice.message).toMatchObject({ role: "assistant", content: null, refusal: null, annotations: [] });
    const call = choice.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call).toMatchObject({ type: "function", function: { name: "get_order", arguments: '{"order_id":"A1"}' } });
    const usage = res.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    expect(usage?.prompt_tokens_details).toEqual({ cached_tokens: 0, audio_tokens: 0 });
    expect(usage?.completion_tokens_details).toMatchObject({ reasoning_tokens: 0 });
    // token estimates are deterministic: the same request costs the same
    expect((await ask("please track order A1", { tools: TOOLS, temperature: 0 })).usage).toEqual(usage);
  });

  it("answers a scripted plain reply, and the default reply when no rule matches", async () => {
    const res = await ask("hello there");
    expect(res.choices[0].finish_reason).toBe("stop");
    expect(res.choices[0].message).toEqual({ role: "assistant", content: "Hi! How can I help?", refusal: null, annotations: [] });
    expect(specErrors("CreateChatCompletionResponse", res)).toEqual([]);
    const other = await ask("something unscripted");
    expect(other.choices[0].message.content).toBe("I can help with orders and accounts.");
    expect(other.choices[0].finish_reason).toBe("stop");
  });

  it("passes broken JSON arguments through untouched", async () => {
    const res = await ask("this one is broken", { tools: TOOLS });
    const args = res.choices[0].message.tool_calls?.[0];
    expect(args?.type === "function" && args.function.arguments).toBe('{"order_id": "A1"');
    expect(() => JSON.parse(args?.type === "function" ? args.function.arguments : "")).toThrow();
  });

  it("matches the last user message only, text parts included, first rule winning", async () => {
    const res = await c.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You route requests. hello" },
        { role: "user", content: "hello" },
        { role: "assistant", content: "Hi" },
        {
          role: "user",
          content: [
            { type: "text", text: "can you" },
            { type: "text", text: "track order 7?" },
          ],
        },
      ],
      tools: TOOLS,
    });
    expect(res.choices[0].finish_reason).toBe("tool_calls");
    // "track order" and "hello" both appear in the conversation; only the last user message counts
    expect((await state()).chat.byRequest).toEqual({ "can you\ntrack order 7?": 1 });
  });

  it("limits a rule to its model", async () => {
    expect((await ask("which model?", { model: "gpt-4.1-mini" })).choices[0].message.content).toBe("from gpt-4.1-mini");
    expect((await ask("which model?", { model: "gpt-4o" })).choices[0].message.content).toBe("I can help with orders and accounts.");
  });

  it("cuts a reply at max_completion_tokens with finish_reason length, and answers n choices", async () => {
    const res = await ask("a long answer", { max_completion_tokens: 5, n: 2 });
    expect(res.choices.map((ch) => [ch.index, ch.finish_reason, ch.message.content])).toEqual([
      [0, "length", "x".repeat(20)],
      [1, "length", "x".repeat(20)],
    ]);
    expect(res.usage?.completion_tokens).toBe(5);
  });
});

describe("scripted errors", () => {
  it("answers 429 the first N times; the SDK retries (maxRetries >= N) and then gets the reply", async () => {
    const retrying = client(server, { maxRetries: 2 });
    const res = await ask("I am busy", {}, retrying);
    expect(res.choices[0].message.content).toBe("finally");
    const s = await state();
    expect(s.chat).toMatchObject({ requests: 1, failed: 2, byRequest: { "I am busy": 1 } });
    expect(s.chat.last.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("words the 429 as the API does, with a short retry-after-ms", async () => {
    const err = await apiError(() => ask("busy"));
    expect(err).toMatchObject({ status: 429, type: "requests", code: "rate_limit_exceeded", param: null });
    expect(err.message).toContain("Rate limit reached for gpt-4o-mini");
    expect(Number(err.headers?.get("retry-after-ms"))).toBeLessThan(1000);
    await expect(ask("busy").catch((e: unknown) => e)).resolves.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(ask("busy")).resolves.toBeTruthy(); // the budget of 2 is spent
  });

  it("answers a 500 rule with server_error, then the default reply", async () => {
    const err = await apiError(() => ask("flaky"));
    expect(err).toMatchObject({ status: 500, type: "server_error" });
    expect((await ask("flaky")).choices[0].message.content).toBe("I can help with orders and accounts.");
  });

  it("shares a rule's error budget exactly among parallel requests", async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => ask("busy")));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(2);
    expect((await state()).chat).toMatchObject({ requests: 4, failed: 2 });
  });
});

describe("refusals", () => {
  type Body = Record<string, unknown>;
  const raw = (body: Body) => c.chat.completions.create(body as unknown as Params);
  const base = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };

  it("answers an unknown model 404 model_not_found in OpenAI's shape", async () => {
    const err = await apiError(() => ask("hi", { model: "gpt-9-ultra" }));
    expect(err).toMatchObject({ status: 404, type: "invalid_request_error", param: null, code: "model_not_found" });
    expect(err.message).toBe("The model `gpt-9-ultra` does not exist or you do not have access to it.");
    await expect(ask("hi", { model: "gpt-9-ultra" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it.each([
    [{ ...base, temperature: 2.5 }, "temperature", "decimal_above_max_value", "Expected a value <= 2, but got 2.5"],
    [{ ...base, temperature: -1 }, "temperature", "decimal_below_min_value", "Expected a value >= 0, but got -1"],
    [{ model: "gpt-4o-mini" }, "messages", "missing_required_parameter", "Missing required parameter: 'messages'."],
    [{ messages: base.messages }, "model", "missing_required_parameter", "Missing required parameter: 'model'."],
    [{ ...base, messages: [] }, "messages", "empty_array", "Invalid 'messages': empty array. Expected an array with minimum length 1"],
    [{ ...base, messages: [{ role: "bot", content: "hi" }] }, "messages[0].role", "invalid_value", "'user'"],
    [{ ...base, messages: [{ role: "user" }] }, "messages[0].content", "missing_required_parameter", "'messages[0].content'"],
    [{ ...base, n: 0 }, "n", "integer_below_min_value", ">= 1"],
    [{ ...base, tools: [] }, "tools", "empty_array", "Invalid 'tools': empty array."],
    [
      { ...base, tools: [{ type: "function", function: { name: "get order" } }] },
      "tools[0].function.name",
      "invalid_value",
      "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
    ],
    [
      { ...base, tools: [{ type: "function", function: { name: "f".repeat(65) } }] },
      "tools[0].function.name",
      "string_above_max_length",
      "maximum length 64, but got a string with length 65",
    ],
    [
      {
        ...base,
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "x", tool_calls: [] },
        ],
      },
      "messages[1].tool_calls",
      "empty_array",
      "empty array",
    ],
  ])("rejects %j naming the parameter", async (body, param, code, text) => {
    const err = await apiError(() => raw(body));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", param, code });
    expect(err.message).toContain(text);
  });

  it("accepts a 64-character tool name", async () => {
    const tools = [{ type: "function" as const, function: { name: "f".repeat(64) } }];
    await expect(ask("hi", { tools })).resolves.toBeTruthy();
  });

  it("rejects an unknown top-level argument as the API words it", async () => {
    const err = await apiError(() => raw({ ...base, foo: 1 }));
    expect(err).toMatchObject({ status: 400, param: "foo" });
    expect(err.message).toBe("Unrecognized request argument supplied: foo");
  });

  it("rejects parallel_tool_calls and tool_choice without tools", async () => {
    const err = await apiError(() => ask("hi", { parallel_tool_calls: false }));
    expect(err).toMatchObject({ status: 400, param: "parallel_tool_calls", code: null });
    expect(err.message).toBe("Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.");
    expect(await apiError(() => ask("hi", { tool_choice: "auto" }))).toMatchObject({ status: 400, param: "tool_choice" });
    await expect(ask("hi", { tools: TOOLS, parallel_tool_calls: false, tool_choice: "auto" })).resolves.toBeTruthy();
  });

  it("refuses stream: true (the test server does not stream)", async () => {
    const err = await apiError(() => c.chat.completions.create({ ...(base as Params), stream: true }));
    expect(err).toMatchObject({ status: 400, param: "stream" });
    expect(err.message).toContain("test server does not stream");
  });

  it("refuses temperature other than 1 and max_tokens on reasoning models, as the API does", async () => {
    const err = await apiError(() => ask("hi", { model: "gpt-5-mini", temperature: 0 }));
    expect(err).toMatchObject({ status: 400, param: "temperature", code: "unsupported_value" });
    expect(err.message).toBe(
      "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
    );
    expect(await apiError(() => ask("hi", { model: "o4-mini", max_tokens: 10 }))).toMatchObject({
      param: "max_tokens",
      code: "unsupported_parameter",
    });
    await expect(ask("hi", { model: "gpt-5-mini", max_completion_tokens: 100 })).resolves.toBeTruthy();
  });

  it("answers 401 in OpenAI's shape without the right key", async () => {
    const err = await apiError(() => ask("hi", {}, client(server, { apiKey: "sk-wrong" })));
    expect(err).toMatchObject({ status: 401, code: "invalid_api_key" });
  });
});

describe("models", () => {
  it("accepts a fine-tuned model (and its checkpoints) once its job has succeeded", async () => {
    const file = await upload(c, jsonl(10));
    const job = await c.fineTuning.jobs.create({
      model: "gpt-4o-mini",
      training_file: file.id,
      suffix: "chat",
      metadata: { test_script: "steps:6 epochs:2" }, // a checkpoint at step 3
    });
    server.advance(job.id, 1, "running");
    server.advance(job.id, 4);
    const checkpoints = await c.fineTuning.jobs.checkpoints.list(job.id);
    const checkpoint = checkpoints.data[0].fine_tuned_model_checkpoint;
    expect(checkpoint).toMatch(/:ckpt-step-\d+$/);
    await expect(ask("hello", { model: checkpoint })).resolves.toMatchObject({ model: checkpoint });
    const name = checkpoint.replace(/:ckpt-step-\d+$/, "");
    expect((await apiError(() => ask("hello", { model: name }))).code).toBe("model_not_found"); // not finished yet
    server.advance(job.id, 1, "succeeded");
    const done = await c.fineTuning.jobs.retrieve(job.id);
    expect(done.fine_tuned_model).toBe(name);
    const res = await ask("hello", { model: name, temperature: 0 });
    expect(res.model).toBe(name);
    expect(res.choices[0].message.content).toBe("Hi! How can I help?");
  });

  it("knows the common chat models and the fine-tuning base models", async () => {
    for (const model of ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5-mini", "gpt-4o-mini-2024-07-18"])
      await expect(ask("hi", { model })).resolves.toMatchObject({ model });
  });

  it("accepts models added by option, by server.addModels and by POST /_test/models", async () => {
    const other = await start({ manual: true, models: ["ft:gpt-4o-mini-2024-07-18:acme:bench:abc12345"] });
    try {
      const oc = client(other);
      await expect(ask("hi", { model: "ft:gpt-4o-mini-2024-07-18:acme:bench:abc12345" }, oc)).resolves.toBeTruthy();
      other.addModels(["my-model"]);
      await expect(ask("hi", { model: "my-model" }, oc)).resolves.toBeTruthy();
      const res = await fetch(`${other.url}/_test/models`, { method: "POST", body: JSON.stringify({ models: ["another"] }) });
      expect(await res.json()).toEqual({ models: ["ft:gpt-4o-mini-2024-07-18:acme:bench:abc12345", "my-model", "another"] });
      await expect(ask("hi", { model: "another" }, oc)).resolves.toBeTruthy();
      other.reset(); // reset keeps added models
      await expect(ask("hi", { model: "another" }, oc)).resolves.toBeTruthy();
    } finally {
      await other.close();
    }
  });
});

describe("latency and concurrency", () => {
  it("delays every answer by latencyMs, and a rule's delayMs on top", async () => {
    server.setChat({ ...SCRIPT, latencyMs: 120, rules: [...(SCRIPT.rules ?? []), { match: "slow one", delayMs: 80 }] });
    let t0 = performance.now();
    await ask("hello");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(120);
    t0 = performance.now();
    await ask("the slow one");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it("answers parallel requests in parallel (the latency never blocks the server)", async () => {
    server.setChat({ ...SCRIPT, latencyMs: 200 });
    const t0 = performance.now();
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(`hello ${i}`)));
    const elapsed = performance.now() - t0;
    expect(all.every((r) => r.choices[0].message.content === "Hi! How can I help?")).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(elapsed).toBeLessThan(10 * 200); // one after another would take at least this long
    const s = await state();
    expect(s.chat.requests).toBe(10);
    expect(Object.values(s.chat.byRequest)).toEqual(Array(10).fill(1));
  });
});

describe("control endpoints", () => {
  it("counts chat requests in /_test/state and forgets them on /_test/reset", async () => {
    await ask("hello", { temperature: 0, max_completion_tokens: 50 });
    await ask("hello", { temperature: 0 });
    await ask("track order 9", { tools: TOOLS, tool_choice: "auto", parallel_tool_calls: false, temperature: 0 });
    await apiError(() => ask("hello", { model: "nope" }));
    await apiError(() => ask("hello", { temperature: 5 }));
    const s = await state();
    expect(s.chat).toMatchObject({ requests: 3, failed: 0, rejected: 2, byRequest: { hello: 2, "track order 9": 1 } });
    expect(s.requests["POST /v1/chat/completions"]).toBe(5);
    expect(s.chat.last).toEqual([
      {
        model: "gpt-4o-mini",
        temperature: 0,
        max_tokens: null,
        max_completion_tokens: 50,
        tools: 0,
        tool_choice: null,
        parallel_tool_calls: null,
        messages: 1,
        user: "hello",
        status: 200,
      },
      expect.objectContaining({ user: "hello", max_completion_tokens: null }),
      expect.objectContaining({ user: "track order 9", tools: 1, tool_choice: "auto", parallel_tool_calls: false, temperature: 0 }),
    ]);
    expect(s.chat.last.every((r) => r.temperature === 0)).toBe(true);
    await control("reset", {});
    expect((await state()).chat).toEqual({ requests: 0, byRequest: {}, failed: 0, rejected: 0, last: [] });
  });

  it("keeps the last 50 requests", async () => {
    for (let i = 0; i < 55; i++) await ask(`q${i}`);
    const last = (await state()).chat.last;
    expect(last).toHaveLength(50);
    expect(last[0].user).toBe("q5");
    expect(last[49].user).toBe("q54");
  });

  it("replaces the chat script with POST /_test/chat, and refuses a malformed one", async () => {
    const ok = await control("chat", { rules: [{ match: "hello", reply: { content: "replaced" } }], defaultReply: { content: "dflt" } });
    expect(ok).toEqual({ status: 200, json: { ok: true } });
    expect((await ask("hello")).choices[0].message.content).toBe("replaced");
    expect((await ask("track order 1")).choices[0].message.content).toBe("dflt");
    const bad = await control("chat", { rules: [{ matches: "hello" }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("unknown key 'matches'");
    expect((await control("chat", { rules: [{ match: "x", fail: { status: 418, times: 1 } }] })).status).toBe(400);
    await control("chat", {}); // an empty script: the built-in default reply
    expect((await ask("hello")).choices[0].message.content).toBe("I can help with orders and accounts.");
  });

  it("delays a chat answer with /_test/hold", async () => {
    await control("hold", { kind: "chat.completions", ms: 100 });
    const t0 = performance.now();
    await ask("hello");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
  });
});

describe("main.ts chat flags", () => {
  afterEach(stopLaunched);

  it("reads --chat-script, --chat-latency-ms and --models", { timeout: 20_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chat-script-"));
    const file = path.join(dir, "script.json");
    writeFileSync(file, JSON.stringify({ rules: [{ match: "ping", reply: { content: "pong" } }], latencyMs: 1 }));
    const { port } = await launchMain(["--port", "0", "--manual", "--chat-latency-ms", "60", "--chat-script", file, "--models", "ft:x,ft:y"]);
    const sdk = new OpenAI({ apiKey: "sk-test", baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const t0 = performance.now();
    const res = await sdk.chat.completions.create({ model: "ft:y", messages: [{ role: "user", content: "ping" }] });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(60); // the flag wins over the file's latencyMs
    expect(res.choices[0].message.content).toBe("pong");
  });

  it("exits 2 on a malformed chat script", { timeout: 20_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chat-script-"));
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ rules: [{ reply: { content: "no match" } }] }));
    const { code, output } = await launchMain(["--port", "0", "--chat-script", file]);
    expect(code).toBe(2);
    expect(output).toContain("rules[0].match must be a string");
  });
});

// POST /inference/v1/chat/completions: which models answer (a trained model only once COMPLETED; through a
// deployment with requireDeployment), Fireworks' 404 for others, request checks, scripted replies and errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FireworksServer } from "@/tests/support/fireworks-server/server";
import { ACCOUNT, call, createJob, dataset, jsonl, QWEN, start, type InferenceBody } from "./helpers";

const TRAINED = `accounts/${ACCOUNT}/models/tt-chat`;
const chat = (s: FireworksServer, body: Record<string, unknown>, key?: string | null) =>
  call<Record<string, unknown> & InferenceBody>(s, "POST", "/inference/v1/chat/completions", body, key);
const ask = (model: string, content = "hello", extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: "user", content }],
  ...extra,
});

async function trained(s: FireworksServer, complete = true): Promise<void> {
  const d = await dataset(s, "train", jsonl(8));
  await createJob(s, { dataset: d, baseModel: QWEN, outputModel: "tt-chat" }, "chat-job");
  s.advance("chat-job", 1, complete ? "JOB_STATE_COMPLETED" : "JOB_STATE_RUNNING");
}

describe("which models answer", () => {
  let server: FireworksServer;
  beforeAll(async () => {
    server = await start({ manual: true });
    await trained(server, false);
  });
  afterAll(() => server.close());

  it("a trained model answers only once its job is COMPLETED; before, Fireworks' 404", async () => {
    const early = await chat(server, ask(TRAINED));
    expect(early.status).toBe(404);
    expect(early.json.error).toEqual({
      message: "Model not found, inaccessible, and/or not deployed",
      type: "error",
      param: "model",
      code: "NOT_FOUND",
    });
    expect(typeof early.json.request_id).toBe("string");
    server.advance("chat-job", 1, "JOB_STATE_COMPLETED");
    const done = await chat(server, ask(TRAINED));
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: "I can help with orders and accounts." }, finish_reason: "stop" }],
    });
  });

  it("base models, added models and the <model>#<deployment> form answer; unknown names are 404", async () => {
    expect((await chat(server, ask(QWEN))).status).toBe(200);
    expect((await chat(server, ask(`${TRAINED}#accounts/${ACCOUNT}/deployments/eval-1`))).status).toBe(200);
    expect((await chat(server, ask("accounts/fireworks/models/nope"))).status).toBe(404);
    server.addModels(["my-extra-model"]);
    expect((await chat(server, ask("my-extra-model"))).status).toBe(200);
  });

  it("refuses a bad key with 401 in the inference shape", async () => {
    const res = await chat(server, ask(QWEN), "wrong");
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: "UNAUTHORIZED", message: "The API key you provided is invalid." });
  });

  it("checks the body: unknown fields, documented ranges, max_tokens with its alias, stream", async () => {
    const unknown = await chat(server, ask(QWEN, "x", { temprature: 0 }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: "INVALID_ARGUMENT", param: "temprature" });
    expect((await chat(server, ask(QWEN, "x", { temperature: 3 }))).json.error.message).toBe(
      "'temperature' must be a number between 0 and 2",
    );
    expect((await chat(server, ask(QWEN, "x", { top_k: 101 }))).json.error.message).toBe("'top_k' must be a number between 0 and 100");
    expect((await chat(server, ask(QWEN, "x", { max_tokens: 5, max_completion_tokens: 5 }))).json.error.message).toBe(
      "max_completion_tokens is an alias for max_tokens: set only one",
    );
    expect((await chat(server, ask(QWEN, "x", { stream: true }))).json.error.param).toBe("stream");
    expect((await chat(server, { model: QWEN, messages: [] })).json.error.message).toBe("'messages' must be a non-empty list");
    expect(server.state().chat.rejected).toBeGreaterThanOrEqual(6);
  });
});

describe("scripted replies and errors", () => {
  let server: FireworksServer;
  beforeAll(async () => {
    server = await start({ manual: true, retryAfterSeconds: 2 });
    await trained(server);
  });
  afterAll(() => server.close());

  it("replies by rule, n choices, and cuts at max_tokens with finish_reason length", async () => {
    server.setChat({ rules: [{ match: "story", reply: { content: "x".repeat(400) } }], defaultReply: { content: "ok" } });
    const two = await chat(server, ask(TRAINED, "hi", { n: 2 }));
    expect((two.json.choices as unknown[]).length).toBe(2);
    const cut = await chat(server, ask(TRAINED, "tell a story", { max_tokens: 10 }));
    expect(cut.json.choices).toMatchObject([{ finish_reason: "length", message: { content: "x".repeat(40) } }]);
    expect(cut.json.usage).toMatchObject({ completion_tokens: 10 });
  });

  it("a rule's fail answers 429 with Retry-After the first K times, then replies", async () => {
    server.setChat({ rules: [{ match: "busy", fail: { status: 429, times: 1 }, reply: { content: "fine now" } }] });
    const first = await chat(server, ask(TRAINED, "are you busy?"));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.json.error).toMatchObject({ code: "RESOURCE_EXHAUSTED" });
    const second = await chat(server, ask(TRAINED, "are you busy?"));
    expect(second.json.choices).toMatchObject([{ message: { content: "fine now" } }]);
    expect(server.state().chat).toMatchObject({ failed: 1 });
  });
});

describe("requireDeployment", () => {
  it("a trained LoRA answers only through <model>#<deployment>, as on Fireworks without serverless LoRA", async () => {
    const server = await start({ manual: true, requireDeployment: true });
    try {
      await trained(server);
      expect((await chat(server, ask(TRAINED))).status).toBe(404);
      expect((await chat(server, ask(`${TRAINED}#accounts/${ACCOUNT}/deployments/eval-1`))).status).toBe(200);
      expect((await chat(server, ask(`${TRAINED}#not-a-deployment`))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

// The GPU run's max_seq_length check with the model's own tokenizer: the 200 longest of 5,000 training
// examples go to the real agent (Python, on loopback), whose inference stand-in tokenizes them with the
// agent's own token report and a ChatML stand-in tokenizer (a word, a space or another character is one
// token). Also: an agent whose inference worker cannot load tokenizers (the real one, without
// transformers), no agent at all, a template name the agent refuses, an empty train split.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as checkRoute from "@/app/api/projects/[projectId]/runs/token-check/route";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { disconnectDb } from "@/lib/server/db";
import { TOKEN_CHECK_LINES } from "@/lib/schemas/runs";
import { call, orderSchema, routerExample } from "./helpers";
import { insertExamples } from "./bulk-examples";
import { AGENT_ROOT, startAgent, type AgentProcess } from "./agents";

const TOKEN = "token-check-test-token-0123456789";
const tmp = mkdtempSync(path.join(tmpdir(), "tooltune-token-check-"));
const modelsDir = path.join(tmp, "models");
const saved = { ...process.env };
let agent: AgentProcess;
let bare: AgentProcess;

/** Seven requests of about 1,200 stand-in tokens more than the rest; every other request is a short one. */
const LONG = new Set([17, 999, 2_500, 3_001, 4_100, 4_500, 4_999]);
const N = 5_000;

let pid: string;

beforeAll(async () => {
  mkdirSync(path.join(modelsDir, "tiny-base"), { recursive: true });
  writeFileSync(path.join(modelsDir, "tiny-base", "config.json"), JSON.stringify({ model_type: "qwen2" }));
  [agent, bare] = await Promise.all([
    startAgent({ token: TOKEN, dataDir: path.join(tmp, "a"), modelsDir }),
    startAgent({ token: TOKEN, dataDir: path.join(tmp, "b"), modelsDir, inferenceCmd: "python3 -m tooltune_agent.infer_worker" }),
  ]);
  Object.assign(process.env, { TOOLTUNE_GPU_URL: `http://127.0.0.1:${agent.port}`, TOOLTUNE_GPU_TOKEN: TOKEN });
  pid = (await call(projects.POST, "POST", { body: { name: "Token check" } })).json.id;
  await createTool(pid, { name: "get_order", description: "Look up an order", parameters: orderSchema }, await resolveAuthor("token tests"));
  await insertExamples(pid, N, (i) => {
    const request = LONG.has(i) ? `Where is my order ${i}? ${"It was a birthday present and it still has not come ".repeat(50)}` : `Where is order ${i}?`;
    return routerExample(request, { tool: "get_order", args: { order_id: `A-${i}` } });
  });
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await Promise.all([agent?.stop(), bare?.stop()]);
  rmSync(tmp, { recursive: true, force: true });
  await disconnectDb();
});

const check = (projectId: string, body: Record<string, unknown>) =>
  call(checkRoute.POST, "POST", { params: { projectId }, body: { baseModel: "tiny-base", agentId: null, chat_template: null, ...body } });

describe("max_seq_length against the model's own tokenizer", () => {
  it("tokenizes the longest training examples and says which do not fit, and what would", async () => {
    const roomy = await check(pid, { max_seq_length: 16_384 });
    expect(roomy.status, JSON.stringify(roomy.json)).toBe(200);
    const all = roomy.json;
    expect(all).toMatchObject({ status: "checked", agent: "the GPU agent", baseModel: "tiny-base", checked: TOKEN_CHECK_LINES, trainExamples: N, over: 0, truncated: 0, dropped: 0, warning: null });
    // The long requests add about 1,200 tokens: the longest is one of them, far above any short one.
    expect(all.longest).toBeGreaterThan(1_200);
    expect(all.fitsMaxSeqLength % 64).toBe(0);
    expect(all.fitsMaxSeqLength).toBeGreaterThanOrEqual(all.longest);
    expect(all.fitsMaxSeqLength - all.longest).toBeLessThan(64);

    // Halfway up the long ones: exactly the seven are over; the reply comes after the request, so
    // cutting them removes their whole reply and the trainer would leave them out.
    const tight = await check(pid, { max_seq_length: all.longest - 600 });
    expect(tight.status).toBe(200);
    expect(tight.json).toMatchObject({ status: "checked", over: LONG.size, dropped: LONG.size, truncated: 0, longest: all.longest, fitsMaxSeqLength: all.fitsMaxSeqLength });
    expect(tight.json.warning).toContain(`${LONG.size} were left out`);
    expect(tight.json.warning).toContain(`Set max_seq_length to ${all.longest} or more`);

    const fixed = await check(pid, { max_seq_length: all.fitsMaxSeqLength });
    expect(fixed.json).toMatchObject({ status: "checked", over: 0, warning: null });
  });

  it("refuses a chat template name the agent cannot use, naming the field", async () => {
    const r = await check(pid, { max_seq_length: 2048, chat_template: "chatml" });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("lora.chat_template");
    expect(r.json.error.message).toContain("Unsloth template name");
  });

  it("asks for a split first when the train split is empty", async () => {
    const empty = (await call(projects.POST, "POST", { body: { name: "Token check, no data" } })).json.id;
    const r = await check(empty, { max_seq_length: 2048 });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toContain("train split is empty");
  });

  it("says the check is not available where the agent cannot load tokenizers, or there is no agent", async () => {
    const hasTransformers = spawnSync("python3", ["-c", "import transformers"], { cwd: AGENT_ROOT }).status === 0;
    if (!hasTransformers) {
      process.env.TOOLTUNE_GPU_URL = `http://127.0.0.1:${bare.port}`;
      const r = await check(pid, { max_seq_length: 2048 });
      expect(r.status).toBe(200);
      expect(r.json.status).toBe("unavailable");
      expect(r.json.reason).toContain("transformers is not installed");
    }
    delete process.env.TOOLTUNE_GPU_URL;
    const none = await check(pid, { max_seq_length: 2048 });
    expect(none.json).toEqual({ status: "unavailable", agent: null, reason: "no GPU agent is configured (set TOOLTUNE_GPU_URL)" });
    process.env.TOOLTUNE_GPU_URL = `http://127.0.0.1:${agent.port}`;
  });

  it("refuses settings out of range before asking anyone", async () => {
    const r = await check(pid, { max_seq_length: 32 });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("max_seq_length");
  });
});

// DPO (preference) jobs on the OpenAI test server, through the real SDK: preference files validated
// line by line against FineTunePreferenceRequestInput, the dpo method against the spec (beta's range,
// unknown keys refused), DPO only on models that allow it, a supervised file refused for DPO (and a
// preference file for SFT), and the simulated job's DPO metrics events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import { apiError, client, example, jsonl, specErrors, start, upload, waitFor } from "./helpers";

const pairLine = (i: number) => {
  const base = example(i) as { messages: object[]; tools: object[] };
  return {
    input: { messages: base.messages.slice(0, 2), tools: base.tools },
    preferred_output: [base.messages[2]],
    non_preferred_output: [{ role: "assistant", content: "I cannot help with that." }],
  };
};
const preferenceJsonl = (n: number, patch: (i: number, l: Record<string, unknown>) => Record<string, unknown> = (_i, l) => l) =>
  Array.from({ length: n }, (_, i) => JSON.stringify(patch(i, pairLine(i)))).join("\n") + "\n";

let server: OpenAIServer;
let c: OpenAI;
let pairs: string;
let chat: string;
beforeAll(async () => {
  server = await start({ manual: true, errorNull: true });
  c = client(server);
  pairs = (await upload(c, preferenceJsonl(12))).id;
  chat = (await upload(c, jsonl(12))).id;
});
afterAll(() => server.close());

type Body = Parameters<OpenAI["fineTuning"]["jobs"]["create"]>[0];
const dpo = (hp: Record<string, unknown> = { beta: 0.1 }, extra: Partial<Body> = {}) =>
  c.fineTuning.jobs.create({
    model: "gpt-4o-mini",
    training_file: pairs,
    method: { type: "dpo", dpo: { hyperparameters: hp } },
    ...extra,
  } as Body);

describe("preference files", () => {
  it("accepts a preference file and refuses a bad line naming it", async () => {
    const bad = await apiError(() =>
      upload(
        c,
        preferenceJsonl(3, (i, l) => (i === 1 ? { ...l, preferred_output: [{ role: "bot", content: "x" }] } : l)),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/^Invalid file format\. Line 2: /);
    const two = await apiError(() =>
      upload(
        c,
        preferenceJsonl(2, (_i, l) => ({ ...l, non_preferred_output: [l.preferred_output, l.preferred_output].flat() })),
      ),
    );
    expect(two.message).toMatch(/Line 1: .*non_preferred_output/);
  });
});

describe("DPO jobs", () => {
  it("creates a dpo job with its method and beta, resolves auto settings, emits DPO metrics and succeeds", async () => {
    const job = await dpo({ beta: 0.2, n_epochs: 1 });
    expect(job.method).toEqual({
      type: "dpo",
      dpo: { hyperparameters: { beta: 0.2, batch_size: "auto", learning_rate_multiplier: "auto", n_epochs: 1 } },
    });
    expect(specErrors("FineTuningJob", job)).toEqual([]);
    server.advance(job.id, 1);
    const queued = await c.fineTuning.jobs.retrieve(job.id);
    expect(queued.status).toBe("queued");
    expect(queued.method?.dpo?.hyperparameters?.beta).toBe(0.2);
    server.advance(job.id, 1000);
    const done = await waitFor(c, job.id, ["succeeded"]);
    expect(done.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
    const events = (await c.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.filter((e) => e.type === "metrics");
    expect(events.length).toBeGreaterThan(0);
    const data = events[0].data as Record<string, number>;
    for (const k of ["step", "total_steps", "train_loss", "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies"])
      expect(typeof data[k], k).toBe("number");
    expect(data["rewards/margins"]).toBeCloseTo(data["rewards/chosen"] - data["rewards/rejected"], 4);
  });

  it("trains DPO on a fine-tuned model of an allowed base, and refuses a base without DPO", async () => {
    const sft = await c.fineTuning.jobs.create({ model: "gpt-4o-mini", training_file: chat });
    server.advance(sft.id, 1000);
    const model = (await waitFor(c, sft.id, ["succeeded"])).fine_tuned_model!;
    const onTop = await dpo({ beta: 0.1 }, { model });
    expect(onTop.model).toBe("gpt-4o-mini-2024-07-18");
    const refused = await apiError(() => dpo({ beta: 0.1 }, { model: "gpt-3.5-turbo" }));
    expect(refused).toMatchObject({ status: 400, param: "model" });
    expect(refused.message).toMatch(/does not support the 'dpo' fine-tuning method/);
  });

  it("refuses beta out of range and unknown keys in the method", async () => {
    for (const beta of [0, 2.5, -1]) {
      const e = await apiError(() => dpo({ beta }));
      expect(e.status, String(beta)).toBe(400);
      expect(e.param, String(beta)).toMatch(/beta/);
    }
    const unknown = await apiError(() => dpo({ beta: 0.1, lora_r: 8 }));
    expect(unknown).toMatchObject({ status: 400, code: "unknown_parameter", param: "method.dpo.hyperparameters.lora_r" });
    const mixed = await apiError(() =>
      c.fineTuning.jobs.create({ model: "gpt-4o-mini", training_file: pairs, method: { type: "dpo", supervised: {} } } as Body),
    );
    expect(mixed).toMatchObject({ status: 400, param: "method.supervised" });
  });

  it("fails a dpo job given a supervised file, and an sft job given a preference file, as invalid training files", async () => {
    const wrong = await dpo({ beta: 0.1 }, { training_file: chat });
    server.advance(wrong.id, 1);
    const failed = await c.fineTuning.jobs.retrieve(wrong.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "invalid_training_file", param: "training_file" });
    expect(failed.error?.message).toMatch(/not a preference pair/);
    const sft = await c.fineTuning.jobs.create({ model: "gpt-4o-mini", training_file: pairs });
    server.advance(sft.id, 1);
    expect((await c.fineTuning.jobs.retrieve(sft.id)).error?.message).toMatch(/missing the 'messages' list/);
  });
});

// The standalone entry point (tsx main.ts ... prints LISTENING <port>), the pure simulation
// pieces, and the rule that product code never imports the test server.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { metricsAt, resultsCsv } from "@/tests/support/openai-server/simulate";
import type { JobRecord } from "@/tests/support/openai-server/types";
import { jsonl, launchMain, stopLaunched, upload } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../../..");
afterEach(stopLaunched);

describe("main.ts", () => {
  it("prints LISTENING <port> and serves the API with the given key", { timeout: 20_000 }, async () => {
    const { port, output } = await launchMain(["--port", "0", "--key", "sk-cli", "--manual"]);
    expect(output).toMatch(/^LISTENING \d+\n$/);
    const c = new OpenAI({ apiKey: "sk-cli", baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const file = await upload(c, jsonl(10));
    const job = await c.fineTuning.jobs.create({ model: "gpt-4o-mini", training_file: file.id });
    await fetch(`http://127.0.0.1:${port}/_test/advance`, { method: "POST", body: JSON.stringify({ jobId: job.id, until: "succeeded" }) });
    expect((await c.fineTuning.jobs.retrieve(job.id)).status).toBe("succeeded");
    const wrong = new OpenAI({ apiKey: "sk-test", baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    await expect(wrong.files.list()).rejects.toMatchObject({ status: 401 });
  });

  it("refuses unknown options with exit code 2", { timeout: 20_000 }, async () => {
    const { code, output } = await launchMain(["--port", "0", "--bogus"]);
    expect(code).toBe(2);
    expect(output).toContain("unknown option --bogus");
  });
});

describe("simulation", () => {
  const rec = (id: string) => ({ job: { id }, totalSteps: 30, epochEnds: [10, 20, 30] }) as unknown as JobRecord;

  it("gives the same job id the same curve, and another id another one", () => {
    const curve = (id: string) => Array.from({ length: 30 }, (_, i) => metricsAt(rec(id), i + 1, true));
    expect(curve("ftjob-a")).toEqual(curve("ftjob-a"));
    expect(curve("ftjob-a")).not.toEqual(curve("ftjob-b"));
    expect(curve("ftjob-a")[9]).toHaveProperty("full_valid_loss");
    expect(curve("ftjob-a")[10]).not.toHaveProperty("full_valid_loss");
  });

  it("writes numbers in the results CSV as the real file does (1.0, 0.0, 5 decimals)", () => {
    const csv = resultsCsv([
      { step: 1, train_loss: 3.632654, train_mean_token_accuracy: 0.5 },
      { step: 2, train_loss: 0, train_mean_token_accuracy: 1, valid_loss: 0.25, valid_mean_token_accuracy: 0.875 },
    ]);
    expect(csv).toBe("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,3.63265,0.5,,\n2,0.0,1.0,0.25,0.875\n");
  });
});

// Covers every test server: tests/support/openai-server, together-server and fireworks-server, by path or by name.
const IMPORTS_SUPPORT = /(from\s+|import\(\s*|require\(\s*)["'][^"']*(tests\/support|openai-server|together-server|fireworks-server)/;

describe("isolation", () => {
  it("no product code (app/, lib/, workers/, components/, cli/) imports tests/support (the OpenAI, Together or Fireworks test server)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (name === "node_modules" || name.startsWith(".")) continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs)$/.test(name) && IMPORTS_SUPPORT.test(readFileSync(full, "utf8"))) offenders.push(full);
      }
    };
    for (const dir of ["app", "lib", "workers", "components", "cli"]) {
      try {
        walk(path.join(ROOT, dir));
      } catch {
        // the directory does not exist in this checkout
      }
    }
    expect(offenders).toEqual([]);
  });
});

// The standalone entry point (tsx main.ts ... prints LISTENING <port>). The rule that product code never
// imports this server is checked with the other test servers', in tests/unit/openai-server/cli.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { jsonl, launchMain, stopLaunched } from "./helpers";

afterEach(stopLaunched);

describe("main.ts", () => {
  it("prints LISTENING <port> and serves the API with the given key, account and script", { timeout: 20_000 }, async () => {
    const { port, output } = await launchMain([
      "--port",
      "0",
      "--key",
      "fw-cli",
      "--account",
      "cli-acct",
      "--manual",
      "--script",
      "server_error:1",
    ]);
    expect(output).toMatch(/^LISTENING \d+\n$/);
    const base = `http://127.0.0.1:${port}/v1/accounts/cli-acct`;
    const auth = { authorization: "Bearer fw-cli" };
    expect((await fetch(`${base}/datasets`, { headers: { authorization: "Bearer other" } })).status).toBe(401);
    expect((await fetch(`${base}/datasets`, { headers: auth })).status).toBe(500); // server_error:1
    const create = () =>
      fetch(`${base}/datasets`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ datasetId: "cli-train", dataset: { userUploaded: {} } }),
      });
    expect((await create()).status).toBe(500);
    expect(((await (await create()).json()) as { name: string }).name).toBe("accounts/cli-acct/datasets/cli-train");
    const form = new FormData();
    form.set("file", new Blob([jsonl(3)]), "train.jsonl");
    expect((await fetch(`${base}/datasets/cli-train:upload`, { method: "POST", headers: auth, body: form })).status).toBe(500);
    const up = await fetch(`${base}/datasets/cli-train:upload`, { method: "POST", headers: auth, body: form });
    expect(up.status).toBe(200);
    expect((await fetch(`${base}/datasets/cli-train`, { headers: auth })).status).toBe(500);
    expect(((await (await fetch(`${base}/datasets/cli-train`, { headers: auth })).json()) as { state: string }).state).toBe("READY");
  });

  it("refuses unknown options with exit code 2", { timeout: 20_000 }, async () => {
    const { code, output } = await launchMain(["--port", "0", "--bogus"]);
    expect(code).toBe(2);
    expect(output).toContain("fireworks-server: unknown option --bogus");
  });
});

// The standalone entry point (tsx main.ts ... prints LISTENING <port>). The rule that product code never
// imports this server is checked with the OpenAI one's, in tests/unit/openai-server/cli.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { jsonl, launchMain, stopLaunched } from "./helpers";

afterEach(stopLaunched);

describe("main.ts", () => {
  it("prints LISTENING <port> and serves the API with the given key and script", { timeout: 20_000 }, async () => {
    const { port, output } = await launchMain(["--port", "0", "--key", "tg-cli", "--manual", "--script", "server_error:1"]);
    expect(output).toMatch(/^LISTENING \d+\n$/);
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: "Bearer tg-cli" };
    expect((await fetch(`${base}/v1/files`, { headers: { authorization: "Bearer other" } })).status).toBe(401);
    expect((await fetch(`${base}/v1/files`, { headers: auth })).status).toBe(500); // server_error:1
    const form = new FormData();
    form.set("purpose", "fine-tune");
    form.set("file_name", "train.jsonl");
    form.set("file", new Blob([jsonl(3)]), "train.jsonl");
    // server_error:1 answers the first request of each kind 500: the upload and the retrieve each fail once.
    expect((await fetch(`${base}/v1/files/upload`, { method: "POST", headers: auth, body: form })).status).toBe(500);
    const file = (await (await fetch(`${base}/v1/files/upload`, { method: "POST", headers: auth, body: form })).json()) as {
      id: string;
      processing_status: string;
    };
    expect(file.processing_status).toBe("PENDING");
    await fetch(`${base}/_test/advance`, { method: "POST", body: "{}" });
    expect((await fetch(`${base}/v1/files/${file.id}`, { headers: auth })).status).toBe(500);
    const settled = (await (await fetch(`${base}/v1/files/${file.id}`, { headers: auth })).json()) as { processing_status: string };
    expect(settled.processing_status).toBe("COMPLETED");
  });

  it("refuses unknown options with exit code 2", { timeout: 20_000 }, async () => {
    const { code, output } = await launchMain(["--port", "0", "--bogus"]);
    expect(code).toBe(2);
    expect(output).toContain("together-server: unknown option --bogus");
  });
});

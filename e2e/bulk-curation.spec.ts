// The daily work at size, in Debian's Chromium: a project of 5,200 imported examples; select all
// 5,000 that match a filter, set their split in one action, undo it from the toast; then review 20
// examples with the r key alone, the toolbar saying where each stands in the filter.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BASE_URL, actAs, apiAs, shot } from "./helpers";

test.describe.configure({ mode: "serial" });

const CALLS = 5000;
const GREETINGS = 200;
let base = "";
let projectId = "";

const tool = {
  name: "track_order",
  description: "Where an order is",
  parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
};

/** OpenAI fine-tuning lines: 5,000 calls of track_order, then 200 greetings answered without a tool. */
function datasetFile(): string {
  const tools = [{ type: "function", function: tool }];
  const lines: string[] = [];
  for (let i = 1; i <= CALLS; i++) {
    const call = {
      id: `call_${i}`,
      type: "function",
      function: { name: "track_order", arguments: JSON.stringify({ order_id: `ORD-${i}` }) },
    };
    lines.push(
      JSON.stringify({
        messages: [
          { role: "user", content: `Where is my order ORD-${i}?` },
          { role: "assistant", content: null, tool_calls: [call] },
        ],
        tools,
      }),
    );
  }
  for (let i = 1; i <= GREETINGS; i++)
    lines.push(
      JSON.stringify({
        messages: [
          { role: "user", content: `Hello number ${i}` },
          { role: "assistant", content: "Hi! How can I help?" },
        ],
        tools,
      }),
    );
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tt-e2e-")), "orders.jsonl");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

async function countOf(request: APIRequestContext, query: string): Promise<number> {
  const r = await request.get(`/api/projects/${projectId}/examples?${query}&pageSize=1`);
  return (await r.json()).total;
}

test("imports 5,200 examples into a new project", async ({ context }) => {
  test.setTimeout(180_000);
  await actAs(context, "Grace Hopper");
  const api = apiAs(context);
  projectId = (await (await api.post("/api/projects", { name: "E2E 5k curation", outputStyle: "native_tools" })).json()).id;
  base = `/projects/${projectId}`;
  expect((await api.post(`/api/projects/${projectId}/tools`, tool)).ok()).toBe(true);
  const upload = await context.request.post(`/api/projects/${projectId}/imports?fileName=orders.jsonl&format=openai`, {
    headers: { origin: BASE_URL, "content-type": "application/octet-stream" },
    data: readFileSync(datasetFile()),
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const importId = (await upload.json()).id;
  const status = async () => (await (await context.request.get(`/api/projects/${projectId}/imports/${importId}`)).json()).status;
  await expect.poll(status, { timeout: 90_000 }).toBe("ready");
  expect((await api.post(`/api/projects/${projectId}/imports/${importId}/commit`, { keepValid: true })).ok()).toBe(true);
  await expect.poll(status, { timeout: 90_000 }).toBe("done");
  expect(await countOf(context.request, "tool=track_order")).toBe(CALLS);
});

test("selects all 5,000 examples matching a filter, sets their split in one action, and undoes it", async ({ page, context }) => {
  await actAs(context, "Grace Hopper");
  await page.goto(`${base}/examples?tool=track_order`);
  await expect(page.getByTestId("examples-count")).toHaveText("5,000 matching");
  await page.getByTestId("select-page").check();
  await expect(page.getByTestId("bulk-count")).toHaveText("50 selected");
  await page.getByTestId("select-all-matching").click();
  await expect(page.getByTestId("bulk-count")).toHaveText("All 5,000 examples matching these filters");
  await page.getByTestId("bulk-split").selectOption("train");
  // Before anything is written, the bar says what the change will do.
  await expect(page.getByTestId("bulk-preview")).toContainText("5,000 of 5,000 will change");
  expect(await countOf(context.request, "split=train")).toBe(0);
  await shot(page, "40-bulk-select-all");
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("toast")).toContainText("Set split to train: 5,000 examples.");
  expect(await countOf(context.request, "split=train")).toBe(CALLS);
  await expect(page.getByTestId("example-row").first().locator(".split-train")).toBeVisible();
  // The greetings did not match the filter and kept their split.
  expect(await countOf(context.request, "kind=no_tool&split=unassigned")).toBe(GREETINGS);

  await page.getByTestId("toast-undo").click();
  await expect(page.getByTestId("toast")).toContainText("Undone: 5,000 put back.");
  expect(await countOf(context.request, "split=train")).toBe(0);
  await expect(page.getByTestId("example-row").first().locator(".split-unassigned")).toBeVisible();
});

test("reviews 20 examples with r alone, moving through the filter", async ({ page, context }) => {
  await actAs(context, "Grace Hopper");
  await page.goto(`${base}/examples?tool=track_order&review=labelled`);
  await expect(page.getByTestId("examples-count")).toHaveText("5,000 matching");
  // The list's keys: j moves onto the first row, Enter opens it.
  await page.keyboard.press("j");
  await expect(page.locator('[data-testid="example-row"][data-active="true"]')).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Example #1" })).toBeVisible();
  await expect(page.getByTestId("filter-position")).toHaveText("1 / 5,000 in this filter");
  for (let n = 1; n <= 20; n++) {
    await page.keyboard.press("r");
    await expect(page.getByRole("heading", { name: `Example #${n + 1}` })).toBeVisible();
  }
  // Each reviewed example left the "labelled" filter: the next one is first of what is left.
  await expect(page.getByTestId("filter-position")).toHaveText("1 / 4,980 in this filter");
  expect(await countOf(context.request, "review=reviewed")).toBe(20);
  await shot(page, "41-review-queue");
});

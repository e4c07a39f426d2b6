// A catalogue change shows what it does to the examples before it is saved; the banner after the
// save links to the examples it broke; the history compares two versions and reverts to one.
import { expect, test } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

test.describe.configure({ mode: "serial" });
let base = "";
let projectId = "";

const orderSchema = { type: "object", properties: { order_id: { type: "string" }, email: { type: "string" } }, required: ["order_id"], additionalProperties: false };
const call = (args: Record<string, unknown>) => ({
  messages: [
    { role: "user", content: `where is ${args.order_id}?` },
    { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: args }] }, weight: 1 },
  ],
});

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  await actAs(context, "Ada Lovelace");
  const api = apiAs(context);
  const r = await api.post("/api/projects", { name: "E2E catalogue impact" });
  expect(r.status()).toBe(201);
  projectId = (await r.json()).id;
  base = `/projects/${projectId}`;
  expect((await api.post(`/api/projects/${projectId}/tools`, { name: "track_order", description: "Look up an order", parameters: orderSchema })).status()).toBe(201);
  // Three examples without an email, one with: requiring the email breaks three.
  for (const args of [{ order_id: "A1" }, { order_id: "A2" }, { order_id: "A3" }, { order_id: "A4", email: "a@example.com" }]) {
    expect((await api.post(`/api/projects/${projectId}/examples`, call(args))).status()).toBe(201);
  }
  await context.close();
});

test("shows how many examples a schema change invalidates before saving, then links to them", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/catalogue`);
  await page.getByRole("button", { name: /track_order/ }).first().click();
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  const json = page.getByTestId("params-json");

  // Format: a parse error says where; valid JSON is pretty-printed.
  await json.fill('{"type":"object","properties":{"order_id":{"type":"string"},"email":{"type":"string"}},"required":["order_id","email"],}');
  await page.getByTestId("params-json-format").click();
  await expect(page.getByTestId("json-error")).toContainText(/Cannot format: Line 1, column \d+/);
  await json.fill('{"type":"object","properties":{"order_id":{"type":"string"},"email":{"type":"string"}},"required":["order_id","email"],"additionalProperties":false}');
  await page.getByTestId("params-json-format").click();
  await expect(json).toHaveValue(/^\{\n {2}"type": "object",\n {2}"properties": \{\n/);

  await page.getByTestId("tool-check-impact").click();
  await expect(page.getByTestId("impact-note")).toContainText("This change will invalidate 3 examples (of the 4 examples that call track_order)");
  await shot(page, "catalogue-impact-before-save");

  await page.getByTestId("tool-save").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Invalidate 3 examples?");
  await dialog.getByRole("button", { name: "Save anyway" }).click();
  const banner = page.getByTestId("tool-save-result");
  await expect(banner).toContainText("saved as catalogue version 2 — 3 examples now invalid (3 newly)");
  await banner.getByTestId("invalid-examples-link").click();
  await expect(page).toHaveURL(/\/examples\?tool=track_order&invalid=true$/);
  await expect(page.getByTestId("example-row")).toHaveCount(3);
});

test("an edit that breaks nothing saves without asking", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/catalogue`);
  await page.getByRole("button", { name: /track_order/ }).first().click();
  await page.getByLabel("Description", { exact: true }).fill("Look up where an order is.");
  await page.getByTestId("tool-save").click();
  await expect(page.getByTestId("tool-save-result")).toContainText("saved as catalogue version 3");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("compares two versions line by line and reverts to one after its impact", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/catalogue`);
  await page.getByTestId("diff-from").selectOption("1");
  await page.getByTestId("diff-to").selectOption("2");
  const diff = page.getByTestId("version-diff");
  await expect(diff).toContainText("From v1 to v2: 0 added, 0 removed, 1 changed, 0 unchanged.");
  // "required": ["order_id"] became ["order_id", "email"].
  await expect(diff.locator(".diff-add", { hasText: '"email"' })).toHaveCount(1);
  await expect(diff.locator(".diff-del", { hasText: '"order_id"' })).toHaveCount(1);
  await shot(page, "catalogue-version-diff");

  await page.getByRole("button", { name: "Revert to version 1" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("revert-impact")).toContainText("Reverting will make 3 examples valid again");
  await dialog.getByRole("button", { name: "Revert", exact: true }).click();
  await expect(page.getByTestId("tool-save-result")).toContainText("Reverted to version 1: saved as catalogue version 4 — 0 examples now invalid");
  await expect(page.getByTestId("history-v4")).toContainText("reverted to version 1");
});

test("archiving a tool that examples call asks first, with how many it invalidates", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/catalogue`);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Archive track_order and invalidate 4 examples?");
  await expect(dialog).toContainText("Archiving will invalidate 4 examples (of the 4 examples that call track_order)");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive", exact: true })).toBeVisible();
});

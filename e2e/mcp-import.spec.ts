// Tools from an MCP server into the catalogue: the test stdio server (tests/support/mcp-server),
// allowed for the e2e app in playwright.config.ts, previewed, a conflict settled, imported.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

test("imports an allowed MCP server's tools from the catalogue page", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  const api = apiAs(context);
  const projectId = (await (await api.post("/api/projects", { name: "E2E MCP import" })).json()).id;
  const ours = { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] };
  expect((await api.post(`/api/projects/${projectId}/tools`, { name: "track_order", description: "Look up an order", parameters: ours })).status()).toBe(201);

  await page.goto(`/projects/${projectId}/catalogue`);
  await page.getByRole("button", { name: "Import from MCP" }).click();
  const dialog = page.getByRole("dialog", { name: "Import tools from an MCP server" });
  await expect(dialog.getByLabel("Server", { exact: true })).toHaveValue("test-tools");
  await dialog.getByRole("button", { name: "Preview" }).click();
  const plan = dialog.getByTestId("mcp-plan");
  await expect(plan).toContainText("MCP server test-tools: 2 new, 0 unchanged, 1 in conflict, 1 rejected");
  await expect(plan.locator('tr[data-action="rejected"]')).toContainText(/book_meeting.*unknown format "cuid"/);
  await plan.getByText("What differs").click();
  await expect(plan.locator(".diff-add").first()).toBeVisible();
  await dialog.getByLabel("Which definition of track_order to keep").selectOption("use_imported");
  await shot(page, "mcp-import-plan");
  const { violations } = await new AxeBuilder({ page }).include("dialog").analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await dialog.getByTestId("mcp-import").click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("tool-save-result")).toContainText("Imported from MCP (added search_docs, get_weather; replaced track_order): saved as catalogue version 2");
  const list = page.getByRole("region", { name: "Tools" });
  for (const name of ["track_order", "search_docs", "get_weather"]) await expect(list.getByText(name, { exact: true })).toBeVisible();
  await expect(list.getByText("book_meeting")).toHaveCount(0);
});

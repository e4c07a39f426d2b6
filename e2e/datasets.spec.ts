// Datasets in and out through the browser: upload, analysis with rejected lines, import by the
// worker, health report, split, export.
import { expect, test } from "@playwright/test";
import path from "node:path";
import { actAs, apiAs, shot } from "./helpers";

test.describe.configure({ mode: "serial" });
const SHARED = path.resolve("../shared/datasets");
let base = "";

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  await actAs(context, "Ada Lovelace");
  const r = await apiAs(context).post("/api/projects", { name: "E2E drone", outputStyle: "native_tools" });
  expect(r.status()).toBe(201);
  base = `/projects/${(await r.json()).id}`;
  await context.close();
});

test("uploads a file, shows the rejected line and why, and imports the valid ones in the background", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/data`);
  await page.getByTestId("import-file").setInputFiles(path.join(SHARED, "drone_training.first3.jsonl"));
  const card = page.getByTestId("import-card").first();
  await expect(card.getByTestId("import-status")).toContainText(/ready|analysed/i, { timeout: 30_000 });
  await expect(card.getByTestId("import-counts")).toContainText("3");
  await expect(card.getByTestId("import-errors")).toContainText("3");
  await expect(card.getByTestId("import-errors")).toContainText(/double[- _]encoded/i);
  const download = card.getByTestId("import-errors-download");
  const href = await download.getAttribute("href");
  const rejected = await page.request.get(href!);
  expect((await rejected.text()).trim().split("\n").map((l) => JSON.parse(l).line)).toEqual([3]);
  // Sixteen tools: the plan shows eight and says how many more there are.
  await expect(card.getByTestId("tool-plan-more")).toHaveText("+ 8 more tools below: show all 16");
  await expect(card.getByTestId("import-tool-plan")).not.toContainText("takeoff_drone");
  await card.getByTestId("tool-plan-more").click();
  await expect(card.getByTestId("import-tool-plan")).toContainText("takeoff_drone");
  await shot(page, "08-import-analysed");

  // Nothing is imported until the user says what becomes of the rejected line.
  const importButton = card.getByTestId("import-commit");
  await expect(importButton).toBeDisabled();
  await expect(card.getByTestId("import-blocked")).toContainText("Choose what happens to the 1 rejected record first");
  await card.getByTestId("import-fix-first").check();
  await expect(importButton).toBeDisabled();
  await card.getByTestId("import-keep-valid").check();
  await expect(importButton).toBeEnabled();
  await expect(importButton).toHaveText("Import 2 examples");
  await importButton.click();
  await expect(card.getByTestId("import-result")).toContainText("2", { timeout: 30_000 });
  await page.goto(`${base}/examples`);
  await expect(page.getByTestId("example-row")).toHaveCount(2);
});

test("shows the health report with a cost estimate, splits, and exports", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/data`);
  // The workflow in order; before a split the health report and its cost cover every labelled example.
  const steps = page.getByTestId("data-steps");
  await expect(steps.locator("li")).toHaveText([/Import.*2 examples in the project/, /Split/, /Health/, /Export/]);
  await expect(steps.locator("li").nth(0)).toHaveAttribute("data-state", "done");
  await expect(steps.locator("li").nth(1)).toHaveAttribute("data-state", "next");
  await expect(page.getByTestId("health-split")).toHaveValue("labelled");
  await expect(page.getByTestId("health-report")).toContainText(/2/);
  await expect(page.getByTestId("cost-table")).toContainText("gpt-4.1-mini");
  await shot(page, "09a-data-before-split");

  await page.getByTestId("split-validation").fill("0");
  await page.getByTestId("split-gold").fill("0");
  await page.getByTestId("split-preview").click();
  await expect(page.getByTestId("split-preview-result")).toContainText("2");
  await page.getByTestId("split-apply").click();
  await page.getByRole("dialog").getByRole("button", { name: "Apply split" }).click();
  await expect(page.getByTestId("split-result")).toContainText("2");

  await page.reload();
  await expect(steps.locator("li").nth(1)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("health-split")).toHaveValue("train");
  const health = page.getByTestId("health-report");
  await expect(health).toContainText(/2/);
  await expect(page.getByTestId("health-distributions")).toBeVisible();
  await expect(page.getByTestId("cost-table")).toContainText("gpt-4.1-mini");
  await shot(page, "09-data-health");

  const link = page.getByTestId("export-link-openai-train");
  const res = await page.request.get((await link.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(lines[0].tools.map((t: { function: { name: string } }) => t.function.name)).toContain("takeoff_drone");
  expect(typeof lines[0].messages.find((m: { tool_calls?: unknown }) => m.tool_calls).tool_calls[0].function.arguments).toBe("string");
});

// A 2×2 sweep from the browser, against the local OpenAI test server: made in the run form, its four
// curves live on one chart, evaluated on gold in one click, and its results sorted by the
// false-tool-call rate.
import { expect, test } from "@playwright/test";
import { actAs, shot } from "./helpers";

test("runs a 2×2 sweep from the run form, overlays its four curves live, evaluates all in one click, and sorts by false tool calls", async ({ page, context }) => {
  test.setTimeout(240_000);
  await actAs(context, "Ada Lovelace");
  const projects = await (await context.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  await page.goto(`/projects/${project.id}/runs/new`);
  await expect(page.getByTestId("start-run")).toBeEnabled({ timeout: 20_000 });

  await page.getByTestId("sweep-on").check();
  await page.getByTestId("sweep-name").fill("epochs × lr");
  await page.getByTestId("sweep-key-0").selectOption("hyperparameters.n_epochs");
  await page.getByTestId("sweep-values-0").fill("1, 2");
  await page.getByTestId("sweep-add-axis").click();
  await page.getByTestId("sweep-key-1").selectOption("hyperparameters.learning_rate_multiplier");
  await page.getByTestId("sweep-values-1").fill("0.5, 2");
  await expect(page.getByTestId("sweep-size")).toHaveText("4 runs");
  await expect(page.getByTestId("start-run")).toHaveText("Start 4 runs");
  await shot(page, "40-new-sweep");
  await page.getByTestId("start-run").click();

  await expect(page).toHaveURL(/\/sweeps\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "epochs × lr" })).toBeVisible();
  await expect(page.getByTestId("sweep-row-label")).toHaveText(["epochs 1 · lr × 0.5", "epochs 1 · lr × 2", "epochs 2 · lr × 0.5", "epochs 2 · lr × 2"]);
  // Live: the overlaid chart grows a curve per run while they train.
  const curves = page.getByTestId("compare-chart").locator(".recharts-line path.recharts-curve");
  await expect.poll(() => curves.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  await shot(page, "41-sweep-live");
  await expect.poll(async () => page.getByTestId("sweep-row").locator('[data-status="succeeded"]').count(), { timeout: 150_000 }).toBe(4);

  await page.getByTestId("sweep-evaluate").click();
  await expect(page.getByTestId("sweep-evaluated")).toContainText("Started 4 evals on gold");
  const falseCalls = page.getByTestId("sweep-falseCall");
  await expect.poll(async () => (await falseCalls.allTextContents()).every((t) => /%$/.test(t.trim())), { timeout: 60_000 }).toBe(true);

  await page.getByTestId("sweep-sort-falseCall").click();
  const values = (await falseCalls.allTextContents()).map((t) => Number.parseFloat(t));
  expect(values).toEqual([...values].sort((a, b) => a - b));
  await expect(page.getByTestId("sweep-table").locator("th[aria-sort='ascending']")).toContainText("False tool calls");
  await shot(page, "42-sweep-evaluated");
});

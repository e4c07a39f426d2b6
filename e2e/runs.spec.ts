// Training from the browser against the local OpenAI test server (started by scripts/e2e-server.sh):
// start a run, watch the chart grow and the progress bar move, open the finished run.
import { expect, test } from "@playwright/test";
import { actAs, shot } from "./helpers";

test("starts a run, shows it live, and opens the finished run with its model", async ({ page, context }) => {
  test.setTimeout(120_000);
  await actAs(context, "Ada Lovelace");
  const projects = await (await context.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  await page.goto(`/projects/${project.id}/runs/new`);
  await expect(page.getByTestId("start-run")).toBeEnabled({ timeout: 20_000 });
  await shot(page, "10-new-run");
  await page.getByTestId("start-run").click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);

  const progress = page.getByTestId("run-progress");
  await expect(page.getByTestId("run-status")).toContainText(/running/i, { timeout: 30_000 });
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThan(0);
  const early = Number(await progress.getAttribute("aria-valuenow"));
  const lines = page.getByTestId("loss-chart").locator(".recharts-line path.recharts-curve");
  await expect(lines.first()).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThan(early);
  await shot(page, "11-run-live");

  await expect(page.getByTestId("run-status")).toContainText(/succeeded/i, { timeout: 90_000 });
  await expect(page.getByText(/^ft:gpt-/).first()).toBeVisible();
  await expect(page.getByTestId("diagnostics")).toBeVisible();
  await expect(page.getByTestId("event-log")).toContainText(/successfully completed/i);

  // Checkpoint metrics read as columns, not one run-on line.
  const checkpoints = page.getByTestId("checkpoints");
  await expect(checkpoints.getByRole("columnheader", { name: "Train loss" })).toBeVisible();
  await expect(checkpoints.locator('tbody td[data-metric="train_loss"]').first()).toHaveText(/^\d+(\.\d+)?$/);

  // Name it, tag it and note what it was for; the title says the name.
  const runUrl = page.url();
  await page.getByTestId("edit-run-labels").click();
  await page.getByTestId("run-name-input").fill("Support baseline");
  await page.getByTestId("run-tags-input").fill("Baseline, two epochs");
  await page.getByTestId("run-notes-input").fill("First run on the demo data.\nCompare later runs with this one.");
  await page.getByTestId("save-run-labels").click();
  await expect(page.getByTestId("run-title")).toContainText("Support baseline");
  await expect(page.getByTestId("run-tags")).toHaveText(/baseline\s*two-epochs/);
  await expect(page.getByTestId("run-notes")).toContainText("Compare later runs with this one.");

  // The list shows the name and its tags, and filters by a tag (in the URL).
  await page.goto(`/projects/${project.id}/runs`);
  const row = page.getByTestId("run-row").filter({ hasText: "Support baseline" });
  await expect(row.getByTestId("run-row-tags")).toContainText("two-epochs");
  await page.getByTestId("runs-tag-filter").selectOption("baseline");
  await expect(page).toHaveURL(/[?&]tag=baseline/);
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row-name")).toHaveText("Support baseline");
  await expect(page.getByTestId("runs-tag-count")).toHaveText("1 run tagged baseline");
  await shot(page, "12-runs-tagged");
  await row.getByRole("button", { name: "baseline" }).click(); // the chip of the active tag clears the filter
  await expect(page).not.toHaveURL(/tag=/);
  await page.getByRole("link", { name: /Support baseline: gpt-4/ }).click();
  await expect(page).toHaveURL(runUrl);
  await expect(page.getByTestId("run-status")).toContainText(/succeeded/i);
  await shot(page, "12-run-finished");
});

test("trains on the GPU agent with LoRA settings, live like an OpenAI run, and evaluates the model", async ({ page, context }) => {
  test.setTimeout(120_000);
  await actAs(context, "Ada Lovelace");
  const projects = await (await context.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Task manager assistant");
  await page.goto(`/projects/${project.id}/runs/new`);
  await page.getByTestId("run-backend").selectOption("gpu");
  // The base models are the ones the agent reports; LoRA settings appear with small-model defaults.
  await expect(page.getByTestId("run-base-model")).toContainText("tiny-base");
  await expect(page.getByTestId("lora-fields")).toBeVisible();
  // A preset to pick; every setting sits in Advanced, closed until opened.
  await expect(page.getByTestId("lora-preset-balanced")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("lora-r")).toBeHidden();
  await page.getByTestId("lora-advanced").locator("summary").click();
  await expect(page.getByTestId("lora-r")).toHaveAttribute("placeholder", "16");
  await expect(page.getByTestId("lora-4bit")).toBeChecked();
  await page.getByTestId("lora-preset-quality").click();
  await expect(page.getByTestId("lora-r")).toHaveValue("32");
  await expect(page.getByTestId("lora-lora_alpha")).toHaveValue("64");
  await page.getByTestId("lora-r").fill("8");
  await expect(page.getByTestId("lora-preset-quality")).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("lora-preset-hint")).toContainText("Custom");
  // max_seq_length against the model's own tokenizer (the agent's stand-in tokenizer here), before the run.
  await page.getByTestId("lora-max_seq_length").fill("64");
  await page.getByTestId("token-check-run").click();
  await expect(page.getByTestId("token-check-result")).toContainText(/\d+ (is|are) longer than 64 tokens .* Checked (all \d+|the \d+ longest of \d+) training examples with \S*tiny-base's tokenizer on the GPU agent/);
  await page.getByTestId("token-check-use").click();
  const fits = Number(await page.getByTestId("lora-max_seq_length").inputValue());
  expect(fits % 64).toBe(0);
  await expect(page.getByTestId("token-check-result")).toContainText("changed since");
  await page.getByTestId("token-check-run").click();
  await expect(page.getByTestId("token-check-result")).toContainText(`All fit in ${fits.toLocaleString("en-US")} tokens`);
  // slow_150: 150 ms a step; cut_2: the trainer warns that two lines were longer than max_seq_length.
  await page.getByRole("textbox", { name: "Suffix" }).fill("slow_150-cut_2");
  await shot(page, "17-new-gpu-run");
  await page.getByTestId("start-run").click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);

  await expect(page.getByTestId("run-status")).toContainText(/running/i, { timeout: 30_000 });
  await expect(page.getByTestId("loss-chart").locator(".recharts-line path.recharts-curve").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("run-status")).toContainText(/succeeded/i, { timeout: 90_000 });
  await expect(page.getByText(/^ft:tiny-base:tooltune:/).first()).toBeVisible();
  await expect(page.getByTestId("run-lora")).toContainText("r 8 · alpha 64 · dropout 0.05");
  // The trainer's warning is at the top of the page, not only somewhere in the event log.
  await expect(page.getByTestId("run-warnings")).toContainText("is too short for the training file");
  await expect(page.getByTestId("run-warnings")).toContainText("2 were left out");
  // One checkpoint per epoch; the one with the lowest validation loss (the last, here) is marked.
  await expect(page.getByTestId("checkpoints").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("checkpoint-21")).toContainText("lowest validation loss");
  await expect(page.getByTestId("checkpoint-7")).not.toContainText("lowest validation loss");
  await shot(page, "18-gpu-run-finished");

  // The trained model answers through the agent's chat completions: evaluate it from the run page.
  await page.getByTestId("evaluate-run").click();
  await expect(page).toHaveURL(/\/evals\?/);
  await page.getByRole("button", { name: /start eval/i }).click();
  await expect(page).toHaveURL(/\/evals\/[^/?]+/);
  await expect(page.getByText(/succeeded/i).first()).toBeVisible({ timeout: 30_000 });

  // The runs list shows the run's best eval, linked to its report.
  const evalPath = new URL(page.url()).pathname;
  await page.goto(`/projects/${project.id}/runs`);
  const best = page.getByTestId("run-row").first().getByTestId("run-row-best-eval");
  await expect(best).toHaveText(/^\d+(\.\d)?% exact$/);
  await best.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${evalPath}$`));
});

// The GPU pool from the browser: an admin registers the e2e GPU agent (scripts/e2e-server.sh starts
// it), sees it checked online with its base model, sets its hourly price, finds it in the run form's
// agent choice, and removes it again (the other specs use it as TOOLTUNE_GPU_URL).
import { expect, test } from "@playwright/test";
import { actAs, shot } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3107);

test("an admin registers a GPU agent, sees its health and models, prices it, pins a run to it in the form, and removes it", async ({ page, context }) => {
  test.setTimeout(60_000);
  await actAs(context, "Ada Lovelace", "admin");
  await page.goto("/agents");
  await page.getByTestId("add-agent").click();
  const form = page.getByTestId("agent-form");
  await form.getByRole("textbox", { name: "Name" }).fill("e2e box");
  await form.getByRole("textbox", { name: "Address" }).fill(`http://127.0.0.1:${PORT + 2}`);
  await form.getByLabel("Token").fill("short");
  await form.getByRole("button", { name: "Add and check" }).click();
  await expect(page.locator(".banner-error")).toContainText("token");
  await form.getByLabel("Token").fill("e2e-agent-token-0123456789");
  await form.getByRole("button", { name: "Add and check" }).click();

  const row = page.getByTestId("agent-e2e box");
  await expect(row).toContainText("online");
  await expect(row).toContainText("tiny-base");
  await expect(row).toContainText("0 / 1");
  await expect(page.locator("body")).not.toContainText("e2e-agent-token-0123456789");
  await row.getByRole("button", { name: "Edit" }).click();
  await page.getByTestId("agent-edit-e2e box").getByLabel("$ per hour").fill("2.5");
  await page.getByTestId("agent-edit-e2e box").getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("$2.5");
  await shot(page, "45-gpu-agents");

  const projects = await (await context.request.get("/api/projects")).json();
  await page.goto(`/projects/${projects[0].id}/runs/new`);
  await page.getByTestId("run-backend").selectOption("gpu");
  await expect(page.getByTestId("backend-cost-note")).toContainText("hourly price");
  await expect(page.getByTestId("run-agent")).toContainText("e2e box: online, 0/1 busy");
  await page.getByTestId("run-agent").selectOption({ label: "e2e box: online, 0/1 busy" });

  await page.goto("/agents");
  await page.getByTestId("agent-e2e box").getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove agent" }).click();
  await expect(page.getByText("No agents registered")).toBeVisible();
});

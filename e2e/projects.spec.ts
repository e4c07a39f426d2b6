// The projects page at the default 1,400 px viewport: long names and descriptions wrap inside the
// card, the summary columns are there, and Rename and Delete stay on screen.
import { expect, test } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

test("the projects page fits a 1,400 px window with a long project name and the summary columns", async ({ page, context }) => {
  await actAs(context, "Lee Layout");
  const api = apiAs(context);
  const stamp = Date.now().toString(36);
  const longName = `Layout ${stamp} ${"Customer-support-escalation-router-for-the-EMEA-region-".repeat(2)}`.slice(0, 120);
  const made = await api.post("/api/projects", {
    name: longName,
    description: "A description that goes on and on about which requests the router sees, ".repeat(12).trim(),
  });
  expect(made.status(), await made.text()).toBe(201);
  const unbroken = await api.post("/api/projects", { name: `Unbroken${stamp}${"x".repeat(100)}` });
  expect(unbroken.status(), await unbroken.text()).toBe(201);

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto("/");
  const table = page.getByTestId("projects-table");
  for (const header of ["Examples", "no_tool", "Last run", "Best eval", "Updated"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  const row = table.getByRole("row").filter({ hasText: `Layout ${stamp}` });
  await expect(row).toHaveCount(1);

  // No horizontal scroll: the document is no wider than the window.
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `document ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);

  // The row's actions are inside the window, on the right of the table.
  for (const name of [`Rename ${longName}`, `Delete ${longName}`]) {
    const box = (await row.getByRole("button", { name }).boundingBox())!;
    expect(box.x + box.width, name).toBeLessThanOrEqual(innerWidth);
  }

  // The demo project's summary: its examples with separators, its no_tool share, and no runs or evals yet
  // unless another test made some.
  const demo = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Customer support router", exact: true }) });
  await expect(demo.getByTestId("project-examples")).toHaveText(/^\d{1,3}(,\d{3})*$/);
  await expect(demo.getByTestId("project-notool")).toHaveText(/^\d+(\.\d)?%$/);
  await expect(row.getByTestId("project-examples")).toHaveText("0");
  await expect(row.getByTestId("project-notool")).toHaveText("—");
  await expect(row.getByTestId("project-last-run")).toHaveText("No runs yet");
  await expect(row.getByTestId("project-best-eval")).toHaveText("No evals yet");
  await shot(page, "projects-1400");
});

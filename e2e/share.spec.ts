// Share links from the browser: an editor opens Share on an eval report, makes a link and copies it;
// a fresh browser context with no session opens it and sees that report and nothing else of the app
// (no navigation, no links into projects, no buttons that change anything); after the editor revokes
// it, the same link is a 404.
import { expect, test } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

test("a share link shows one eval report to someone without an account, until it is revoked", async ({ browser }) => {
  test.setTimeout(120_000);
  const editor = await browser.newContext();
  await actAs(editor, "Sam Sharer", "editor");
  const api = apiAs(editor);
  const projects = await (await api.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  const started = await api.post(`/api/projects/${project.id}/evals`, { name: "Shared with product", target: { backend: "openai", model: "gpt-4o-mini" }, split: "gold" });
  expect(started.status(), await started.text()).toBe(201);
  const evalId = (await started.json()).id as string;

  const page = await editor.newPage();
  await page.goto(`/projects/${project.id}/evals/${evalId}`);
  await expect(page.getByTestId("eval-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await page.getByTestId("share-open").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByTestId("share-days")).toHaveValue("30");
  await dialog.getByTestId("share-days").selectOption("7");
  await dialog.getByTestId("share-create").click();
  const url = await dialog.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{40,}$/);
  await expect(dialog.getByTestId("share-link-row")).toHaveCount(1);
  await shot(page, "share-dialog");

  // A fresh context: no cookie, no account.
  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  const res = await view.goto(url);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  await expect(view.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(view.getByTestId("eval-name")).toHaveText("Shared with product");
  await expect(view.getByTestId("result-row").first()).toBeVisible();
  // The per-example detail is part of the report; it opens, without a link to the editor.
  await view.getByTestId("result-row").first().click();
  await expect(view.getByTestId("result-detail")).toBeVisible();
  // Nothing of the app: no header or navigation, no link anywhere into it, no Share, Cancel or Compare.
  await expect(view.locator(".app-header")).toHaveCount(0);
  await expect(view.getByTestId("signed-in-as")).toHaveCount(0);
  const hrefs = await view.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs.filter((h) => h && !h.startsWith("#"))).toEqual([]);
  for (const id of ["share-open", "cancel-eval", "compare-with"]) await expect(view.getByTestId(id)).toHaveCount(0);
  await shot(view, "share-eval-report");
  // The token opens nothing else: the project's API is still closed to this context.
  expect((await stranger.request.get(`/api/projects/${project.id}/evals`)).status()).toBe(401);

  // Revoked: the editor revokes it in the dialog; the stranger's reload is a 404.
  await dialog.getByTestId("share-revoke").click();
  await expect(dialog.getByTestId("share-link-row")).toContainText("revoked");
  const after = await view.reload();
  expect(after?.status()).toBe(404);
  await expect(view.getByTestId("share-not-found")).toBeVisible();
  await expect(view.getByTestId("eval-name")).toHaveCount(0);
  await stranger.close();
  await editor.close();
});

test("a comparison link shows the two evals side by side, read-only", async ({ browser }) => {
  test.setTimeout(120_000);
  const editor = await browser.newContext();
  await actAs(editor, "Sam Sharer", "editor");
  const api = apiAs(editor);
  const project = (await (await api.get("/api/projects")).json()).find((p: { name: string }) => p.name === "Customer support router");
  const ids: string[] = [];
  for (const model of ["gpt-4o-mini", "gpt-4.1-mini"]) {
    const started = await api.post(`/api/projects/${project.id}/evals`, { name: `Compare ${model}`, target: { backend: "openai", model }, split: "gold" });
    ids.push((await started.json()).id);
  }
  for (const id of ids) {
    await expect.poll(async () => (await (await api.get(`/api/projects/${project.id}/evals/${id}`)).json()).status, { timeout: 60_000 }).toBe("succeeded");
  }
  const made = await api.post(`/api/projects/${project.id}/shares`, { kind: "eval_compare", targets: ids, days: 1 });
  expect(made.status()).toBe(201);
  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  await view.goto((await made.json()).url);
  await expect(view.getByTestId("compare-page")).toBeVisible();
  await expect(view.getByRole("columnheader", { name: /Compare gpt-4o-mini/ })).toBeVisible();
  const hrefs = await view.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs.filter((h) => h && !h.startsWith("#"))).toEqual([]);
  await expect(view.getByTestId("swap-ab")).toHaveCount(0);
  await shot(view, "share-eval-compare");
  await stranger.close();
  await editor.close();
});

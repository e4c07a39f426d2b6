// Accessibility of every main screen, checked by axe-core in Chromium: no serious or critical
// violation, in the light theme and, for a few screens, in the dark one. Screens are visited by
// route with data made through the API (a finished run, two finished evals), so the check holds
// whatever each screen shows.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

/** Waits until the screen has drawn its data: a heading, and no loading state left. */
async function settle(page: Page) {
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.locator(".state-loading")).toHaveCount(0, { timeout: 20_000 });
  // Charts and late queries: give the network a moment, but a live page (polling) is never idle,
  // and each of the 27 screens would wait the whole timeout: a second is enough after the data.
  await page.waitForLoadState("networkidle", { timeout: 1_000 }).catch(() => {});
}

/** The violations axe rates serious or critical, each with where it is, as a readable list. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 6)
          .map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n").slice(1, 2).join("") ?? ""}`)
          .join("\n    ")}`,
    );
}

/** Visits each screen and checks it; every screen is checked before the test fails, so one run lists every problem. */
async function expectAccessible(page: Page, list: readonly (readonly [string, string])[], prefix: string) {
  const failures: string[] = [];
  for (const [name, path] of list) {
    await test.step(name, async () => {
      await page.goto(path);
      await settle(page);
      await shot(page, `a11y-${prefix}-${name}`);
      const found = await seriousViolations(page);
      if (found.length) failures.push(`${name} (${path}):\n  ${found.join("\n  ")}`);
    });
  }
  expect(failures, failures.join("\n\n")).toEqual([]);
}

async function waitFor(request: APIRequestContext, path: string, status: string) {
  await expect.poll(async () => (await (await request.get(path)).json()).status, { timeout: 90_000, message: path }).toBe(status);
}

interface Screens {
  base: string;
  exampleId: string;
  runId: string;
  evalIds: [string, string];
}

let screens: Screens;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  await actAs(context, "Alex Access");
  const api = apiAs(context);
  const project = (await (await api.get("/api/projects")).json()).find((p: { name: string }) => p.name === "Customer support router");
  const base = `/projects/${project.id}`;
  const examples = await (await api.get(`/api${base}/examples`)).json();
  const openai = (await (await api.get("/api/backends")).json()).find((b: { id: string }) => b.id === "openai");
  const run = await api.post(`/api${base}/runs`, { backend: "openai", baseModel: openai.baseModels[0], suffix: "a11y" });
  expect(run.status(), await run.text()).toBe(201);
  const evalIds: string[] = [];
  for (const model of ["gpt-4o-mini", "gpt-4.1-mini"]) {
    const started = await api.post(`/api${base}/evals`, {
      name: `Accessibility ${model}`,
      target: { backend: "openai", model },
      split: "gold",
    });
    expect(started.status(), await started.text()).toBe(201);
    evalIds.push((await started.json()).id);
  }
  const runId = (await run.json()).id as string;
  for (const id of evalIds) await waitFor(context.request, `/api${base}/evals/${id}`, "succeeded");
  await waitFor(context.request, `/api${base}/runs/${runId}`, "succeeded");
  screens = { base, exampleId: examples.items[0].id, runId, evalIds: evalIds as [string, string] };
  await context.close();
});

function mainScreens({ base, exampleId, runId, evalIds }: Screens): [string, string][] {
  return [
    ["projects", "/"],
    ["examples", `${base}/examples`],
    ["example-editor", `${base}/examples/${exampleId}`],
    ["new-example", `${base}/examples/new`],
    ["catalogue", `${base}/catalogue`],
    ["data", `${base}/data`],
    ["runs", `${base}/runs`],
    ["run", `${base}/runs/${runId}`],
    ["new-run", `${base}/runs/new`],
    ["evals", `${base}/evals`],
    ["eval-report", `${base}/evals/${evalIds[0]}`],
    ["eval-compare", `${base}/evals/compare?a=${evalIds[0]}&b=${evalIds[1]}`],
    ["playground", `${base}/playground`],
    ["generate", `${base}/generate`],
    ["settings", `${base}/settings`],
    ["members", "/members"],
    ["audit", "/audit"],
    ["agents", "/agents"],
    ["endpoints", "/endpoints"],
    ["trash", "/trash"],
    ["account", "/account"],
  ];
}

test("every main screen has no serious or critical accessibility violation (light theme)", async ({ page, context }) => {
  test.setTimeout(240_000);
  await actAs(context, "Alex Access");
  await page.emulateMedia({ colorScheme: "light" });
  await expectAccessible(page, mainScreens(screens), "light");
});

test("the GPU run form, with its LoRA presets and the Advanced section open, has no serious or critical violation", async ({
  page,
  context,
}) => {
  await actAs(context, "Alex Access");
  await page.goto(`${screens.base}/runs/new`);
  await settle(page);
  await page.getByTestId("run-backend").selectOption("gpu");
  await page.getByTestId("lora-advanced").locator("summary").click();
  await expect(page.getByTestId("lora-r")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page), "dark theme").toEqual([]);
});

test("the dark theme follows the system setting and stays accessible", async ({ page, context }) => {
  test.setTimeout(120_000);
  await actAs(context, "Alex Access");
  await page.emulateMedia({ colorScheme: "dark" });
  const { base, runId, evalIds } = screens;
  await page.goto("/");
  await settle(page);
  // The page background is dark: the theme comes from prefers-color-scheme, with no setting to find.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(0.2126 * r + 0.7152 * g + 0.0722 * b, `body background ${background}`).toBeLessThan(60);
  await expectAccessible(
    page,
    [
      ["projects", "/"],
      ["examples", `${base}/examples`],
      ["data", `${base}/data`],
      ["run", `${base}/runs/${runId}`],
      ["eval-report", `${base}/evals/${evalIds[0]}`],
      ["new-run", `${base}/runs/new`],
    ],
    "dark",
  );
});

// An eval report's failures back into data: in a copy of the seeded support router's tools and gold
// examples (so the shared seed stays as other specs expect it), the scripted gpt-4o-mini makes one
// false tool call; the editor adds that verdict's failures to training data from the report and finds
// the new train example, with the gold decision, in the examples list; adding again adds none.
import { expect, test } from "@playwright/test";
import { actAs, apiAs } from "./helpers";

test("adds a verdict's failures to training data from the eval report and sees the count in the examples list", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await actAs(context, "Eve Editor", "editor");
  const api = apiAs(context);
  const seed = (await (await api.get("/api/projects")).json()).find((p: { name: string }) => p.name === "Customer support router");
  const made = await api.post("/api/projects", { name: `Failures ${Date.now().toString(36)}` });
  expect(made.status(), await made.text()).toBe(201);
  const pid = (await made.json()).id as string;
  for (const t of await (await api.get(`/api/projects/${seed.id}/tools`)).json()) {
    const r = await api.post(`/api/projects/${pid}/tools`, { name: t.name, description: t.description, parameters: t.parameters });
    expect(r.status(), await r.text()).toBe(201);
  }
  const gold = (await (await api.get(`/api/projects/${seed.id}/examples?split=gold&pageSize=100`)).json()).items as { id: string }[];
  for (const g of gold) {
    const e = await (await api.get(`/api/projects/${seed.id}/examples/${g.id}`)).json();
    const r = await api.post(`/api/projects/${pid}/examples`, { messages: e.messages, split: "gold" });
    expect(r.status(), await r.text()).toBe(201);
  }
  const started = await api.post(`/api/projects/${pid}/evals`, {
    name: "Failures e2e",
    target: { backend: "openai", model: "gpt-4o-mini" },
    split: "gold",
  });
  expect(started.status(), await started.text()).toBe(201);
  const evalId = (await started.json()).id as string;
  await expect
    .poll(async () => (await (await api.get(`/api/projects/${pid}/evals/${evalId}`)).json()).status, { timeout: 30_000 })
    .toBe("succeeded");

  await page.goto(`/projects/${pid}/evals/${evalId}`);
  const panel = page.getByTestId("failures-panel");
  await expect(panel.locator('tr[data-verdict="false_tool_call"] td.num')).toHaveText("1");
  await panel.getByTestId("add-all-false_tool_call").click();
  await expect(panel.getByTestId("failures-added")).toContainText("Added 1 train example with the gold decision.");
  await panel.getByRole("link", { name: "See them in the examples list" }).click();
  await expect(page).toHaveURL(/\/examples\?.*tag=eval-failure/);
  await expect(page.getByTestId("examples-count")).toHaveText("1 matching");

  // The same verdict again: already in the project, so nothing is added.
  await page.goto(`/projects/${pid}/evals/${evalId}`);
  await page.getByTestId("add-all-false_tool_call").click();
  await expect(page.getByTestId("failures-added")).toContainText(
    "Added 0 train examples with the gold decision; 1 was already in the project and skipped.",
  );
});

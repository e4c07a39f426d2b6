// Generating candidates from the browser: the teacher is the local OpenAI test server, whose answers
// for gpt-4.1-nano's "[item …]" requests come from e2e/fixtures/chat-script.json: 4 boundary negatives
// (answered at once) and 16 track_order calls (answered more slowly), of which one is broken JSON and one
// repeats another's request. The project starts with 20 labelled calls and no no_tool: 0%.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

const orderSchema = {
  type: "object",
  properties: { order_id: { type: "string", pattern: "^ORD-\\d{5}$" } },
  required: ["order_id"],
  additionalProperties: false,
};

/** axe's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("generates 20 candidates, reviews drafts from the keyboard and moves the gauge into the band", async ({ page, context }) => {
  test.setTimeout(60_000);
  await actAs(context, "Grace Hopper");
  const api = apiAs(context);
  const projectId = (await (await api.post("/api/projects", { name: "E2E generate" })).json()).id;
  expect(
    (
      await api.post(`/api/projects/${projectId}/tools`, {
        name: "track_order",
        description: "Where an order is.",
        parameters: orderSchema,
      })
    ).ok(),
  ).toBe(true);
  for (let i = 0; i < 20; i++) {
    const id = `ORD-${70000 + i}`;
    const r = await api.post(`/api/projects/${projectId}/examples`, {
      messages: [
        { role: "user", content: `Seed: track ${id}` },
        { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: id } }] } },
      ],
    });
    expect(r.ok()).toBe(true);
  }
  const base = `/projects/${projectId}`;

  await page.goto(`${base}/generate`);
  await expect(page.getByTestId("generate-form")).toBeVisible();
  // Fill the gauge: 0 of 20 no_tool → (0 + x) / (20 + x) = 15% → x = 3.53 ≈ 4 → 4 / 24.
  await page.getByTestId("fill-gauge").click();
  await expect(page.getByTestId("fill-explanation")).toHaveText(
    "(0 + x) / (20 + x) = 15% → x = (0.15 × 20 − 0) / 0.85 = 3.5294 ≈ 4 no_tool negatives → 4 / 24 = 16.7%",
  );
  await expect(page.getByTestId("gen-track_order-negative")).toHaveValue("4");
  await expect(page.getByTestId("gen-track_order-positive")).toHaveValue("0");
  await page.getByTestId("gen-track_order-positive").fill("16");

  await page.getByTestId("teacher-group-openai").click();
  await page.getByTestId("teacher-model").fill("gpt-4.1-nano");
  await expect(page.getByTestId("gen-estimate")).toContainText(
    /20 candidates · about [\d,]+ tokens in, [\d,]+ out over 20 requests · ≈ \$/,
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("start-generation").click();

  await expect(page).toHaveURL(/\/generate\/[^/?]+$/);
  await expect(page.getByTestId("generation-status")).toContainText("succeeded", { timeout: 20_000 });
  await expect(page.getByTestId("generation-progress-text")).toHaveText("20 / 20 done · 18 accepted · 2 rejected");
  await expect(page.getByTestId("rejection-reasons")).toContainText("invalid JSON1");
  await expect(page.getByTestId("rejection-reasons")).toContainText("duplicate of another candidate1");
  await expect(page.getByTestId("rejected-table")).toContainText("Raw output");
  await shot(page, "generate-detail");
  expect(await seriousViolations(page)).toEqual([]);

  // The drafts in the keyboard-first editor, in the generation's tag filter. `r` marks one reviewed and
  // moves on; the gauge counts it once reviewed. Review until the four negatives are in.
  await page.getByTestId("review-drafts").click();
  await expect(page).toHaveURL(/\/examples\/[^/?]+\?tag=gen%3A/);
  const gauge = page.getByTestId("gauge-mini");
  await expect(gauge).toContainText("0 of 20 decisions");
  await expect(gauge).toContainText("below band");
  await expect(page.getByTestId("filter-position")).toHaveText("1 / 18 in this filter");
  await expect(page.getByTestId("generation-link")).toHaveText(/^generation gen:[a-z0-9]{8}$/);
  let reviewed = 0;
  let negatives = 0;
  while (negatives < 4) {
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const example = await (await api.get(`/api/projects/${projectId}/examples/${id}`)).json();
    await expect(page.getByRole("heading", { name: `Example #${example.number}` })).toBeVisible();
    if (example.messages.at(-1).decision.kind === "no_tool") negatives++;
    await page.keyboard.press("r");
    reviewed++;
    if (reviewed < 18) await expect(page).not.toHaveURL(new RegExp(`/examples/${id}\\?`));
  }
  await expect(gauge).toContainText(`4 of ${20 + reviewed} decisions`);
  await expect(gauge).toContainText("in band");

  // Back on the generation: fewer drafts to review.
  await page.goto(`${base}/generate`);
  await expect(page.getByTestId("generations-table").locator("tbody tr").first().locator("td").nth(4)).toHaveText(String(18 - reviewed));
});

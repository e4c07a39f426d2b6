// Second review as a team does it: the owner labels, a second person (an editor) reviews three gold
// examples blind with the keyboard only, then sees the disagreement listed and the kappa.
import { expect, test } from "@playwright/test";
import { actAs, apiAs, shot } from "./helpers";

const params = (props: Record<string, unknown>, required: string[]) => ({
  type: "object",
  properties: props,
  required,
  additionalProperties: false,
});
const example = (request: string, target: { tool: string; args: Record<string, unknown> } | { noTool: string }, split: string) => ({
  split,
  messages: [
    { role: "user", content: request },
    "noTool" in target
      ? { role: "assistant", decision: { kind: "no_tool", reason: target.noTool }, weight: 1 }
      : { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: target.tool, arguments: target.args }] }, weight: 1 },
  ],
});

test("a second person reviews three gold labels blind with the keyboard and sees the disagreement and the kappa", async ({ browser }) => {
  const owner = await browser.newContext();
  await actAs(owner, "Olivia Owner");
  const api = apiAs(owner);
  const made = await api.post("/api/projects", { name: `Second review ${Date.now().toString(36)}` });
  expect(made.status()).toBe(201);
  const projectId = (await made.json()).id as string;
  for (const [name, description, parameters] of [
    ["track_order", "Where an order is", params({ order_id: { type: "string" } }, ["order_id"])],
    ["refund", "Money back for an order", params({ order_id: { type: "string" } }, ["order_id"])],
  ] as const) {
    expect((await api.post(`/api/projects/${projectId}/tools`, { name, description, parameters })).status()).toBe(201);
  }
  // Posted out of order: the train example gets #1, yet gold comes first in the queue.
  for (const body of [
    example("Where is my parcel 4471?", { tool: "track_order", args: { order_id: "4471" } }, "train"),
    example("Where is order 1234?", { tool: "track_order", args: { order_id: "1234" } }, "gold"),
    example("Hello there!", { noTool: "greeting" }, "gold"),
    example("Order 998 arrived broken, I want my money", { tool: "refund", args: { order_id: "998" } }, "gold"),
  ]) {
    expect((await api.post(`/api/projects/${projectId}/examples`, body)).status()).toBe(201);
  }
  await owner.close();

  const reviewer = await browser.newContext();
  await actAs(reviewer, "Rita Reviewer", "editor");
  const page = await reviewer.newPage();
  await page.goto(`/projects/${projectId}/examples`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Second review" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/review$`));
  await expect(page.getByTestId("review-remaining")).toContainText("4 left for you (gold 3, train 1)");
  await expect(page.getByTestId("agreement-summary")).toHaveText("No second reviews yet");

  const item = page.getByTestId("review-item");
  const result = page.getByTestId("review-result");
  // Gold #2, #3, #4 in turn, with keys only: 1 (track_order), 0 (no_tool), then 1 where the label is refund.
  for (const [number, request, key, verdict] of [
    ["2", "Where is order 1234?", "1", "Agree"],
    ["3", "Hello there!", "0", "Agree"],
    ["4", "Order 998 arrived broken", "1", "Disagree"],
  ] as const) {
    await expect(item).toHaveAttribute("data-number", number);
    await expect(item).toContainText(request);
    // Blind: the label's turn is not on the page until the choice is submitted.
    await expect(result).toHaveCount(0);
    await expect(item.getByText("greeting")).toHaveCount(0);
    await page.keyboard.press(key);
    await expect(item.getByRole("button", { pressed: true })).toHaveCount(1);
    await page.keyboard.press("Enter");
    await expect(result).toContainText(verdict);
    await expect(result).toContainText("Olivia Owner");
    if (number === "4") {
      await expect(result).toContainText("refund");
      await shot(page, "second-review-reveal");
    }
    await page.keyboard.press("n");
  }

  // The train example is left; the gold set has its agreement and the disagreement to resolve.
  await expect(item).toHaveAttribute("data-number", "1");
  await expect(page.getByTestId("review-remaining")).toContainText("1 left for you (train 1)");
  // Pairs (label, choice): track_order/track_order, no_tool/no_tool, refund/track_order: p_o 2/3, p_e 1/3, kappa 0.50.
  await expect(page.getByTestId("agreement-summary")).toHaveText("Cohen's kappa 0.50 over 3 reviews");
  await expect(page.getByTestId("agreement-gold")).toContainText("0.50");
  await expect(page.getByTestId("agreement-gold")).toContainText("1 (33.3%)");
  const rows = page.getByTestId("disagreements").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("#4");
  await expect(rows.first()).toContainText("refund");
  await expect(rows.first()).toContainText("by Olivia Owner");
  await expect(rows.first()).toContainText("track_order");
  await expect(rows.first()).toContainText("by Rita Reviewer");
  await shot(page, "second-review-agreement");
  await rows.first().getByRole("link", { name: "#4" }).click();
  await expect(page).toHaveURL(/\/examples\/[^/]+$/);
  await reviewer.close();
});

test("with more than nine tools the reviewer filters them from the keyboard and submits", async ({ browser }) => {
  const owner = await browser.newContext();
  await actAs(owner, "Olivia Owner");
  const api = apiAs(owner);
  const projectId = (await (await api.post("/api/projects", { name: `Many tools ${Date.now().toString(36)}` })).json()).id as string;
  const names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "zulu_weather"];
  for (const name of names) {
    const made = await api.post(`/api/projects/${projectId}/tools`, { name, description: `${name} tool`, parameters: params({}, []) });
    expect(made.status()).toBe(201);
  }
  expect(
    (
      await api.post(`/api/projects/${projectId}/examples`, example("Will it rain in Oslo?", { tool: "zulu_weather", args: {} }, "gold"))
    ).status(),
  ).toBe(201);
  await owner.close();

  const reviewer = await browser.newContext();
  await actAs(reviewer, "Rita Reviewer", "editor");
  const page = await reviewer.newPage();
  await page.goto(`/projects/${projectId}/review`);
  const item = page.getByTestId("review-item");
  await expect(item).toContainText("Will it rain in Oslo?");
  // The twelfth tool has no number key: / opens the filter, Enter picks the first match, Enter submits.
  await expect(page.getByTestId("review-tool-zulu_weather").locator("kbd")).toHaveCount(0);
  await page.keyboard.press("/");
  await expect(page.getByTestId("review-tool-filter")).toBeFocused();
  await page.keyboard.type("weather");
  await expect(item.getByRole("group", { name: "Your choice" }).getByRole("button")).toHaveCount(2); // zulu_weather and no_tool
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("review-tool-zulu_weather")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("review-result")).toContainText("Agree");
  await expect(page.getByTestId("agreement-summary")).toHaveText("Cohen's kappa undefined over 1 review");
  await expect(page.getByTestId("agreement-gold")).toContainText("undefined (one category)");
  await reviewer.close();
});

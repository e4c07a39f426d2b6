// Evaluating from the browser against the local OpenAI test server, whose chat answers come from
// e2e/fixtures/chat-script.json (passed by scripts/e2e-server.sh). On the 11 gold examples of
// "Customer support router", gpt-4o-mini gets 7 right and 4 wrong: one wrong argument (ORD-72201),
// one wrong tool (a refund for "trak order"), one plain-text reply (a parse failure) and one false
// tool call. gpt-4.1-mini fixes three of those and breaks one (the heater's priority).
import { expect, test, type Page } from "@playwright/test";
import { actAs, shot } from "./helpers";

async function startEval(page: Page, base: string, model: string): Promise<string> {
  await page.goto(`${base}/evals`);
  await page.getByTestId("new-eval-button").click();
  await page.getByTestId("eval-target-group-openai").click();
  await page.getByTestId("eval-target-model").fill(model);
  await expect(page.getByTestId("eval-split-count")).toContainText("11 examples");
  await page.getByTestId("start-eval").click();
  await expect(page).toHaveURL(/\/evals\/[^/?]+$/);
  await expect(page.getByTestId("eval-model")).toHaveText(model);
  await expect(page.getByTestId("eval-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  return page.url().split("/").pop()!;
}

const nd = (page: Page, key: string) => page.getByTestId(`metric-${key}`).locator(".metric-nd");

test("evaluates two models on the gold split, shows what went wrong, compares them and tries the playground", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await actAs(context, "Grace Hopper");
  const projects = await (await context.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  const base = `/projects/${project.id}`;

  // The first eval, from the form to the finished report.
  const first = await startEval(page, base, "gpt-4o-mini");
  await expect(nd(page, "validRate")).toContainText("10 / 11");
  await expect(nd(page, "toolNameAccuracy")).toContainText("8 / 11");
  await expect(nd(page, "argAccuracy")).toContainText("6 / 7");
  await expect(nd(page, "falseToolCallRate")).toContainText("1 / 3");
  await expect(page.getByTestId("metric-falseToolCallRate-value")).toHaveText("33.3%");
  await expect(nd(page, "exactMatch")).toContainText("7 / 11");
  await expect(page.getByTestId("confusion").locator('td[data-kind="wrong_tool"][data-count="1"]')).toHaveCount(1);
  await expect(page.getByTestId("result-row")).toHaveCount(11);
  await shot(page, "13-eval-report");

  // Wrong: every verdict but correct; the wrong tool is among them.
  await page.getByTestId("verdict-chip-wrong").click();
  await expect(page).toHaveURL(/verdict=wrong/);
  await expect(page.getByTestId("result-row")).toHaveCount(4);
  const wrongTool = page.locator('[data-testid="result-row"][data-verdict="wrong_tool"]');
  await expect(wrongTool).toHaveCount(1);
  await expect(wrongTool).toContainText("request_refund");

  // Its detail: the raw output verbatim, what was parsed, and why it is wrong.
  await wrongTool.click();
  await expect(page).toHaveURL(/example=/);
  const detail = page.getByTestId("result-detail");
  await expect(detail.getByTestId("raw-output")).toContainText(
    '{"tool":"request_refund","arguments":{"order_id":"ORD-45590","reason":"other"}}',
  );
  await expect(detail.getByTestId("result-reason")).not.toBeEmpty();
  await expect(detail.getByTestId("gold")).toContainText('track_order(order_id="ORD-45590")');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "14-eval-example");

  // The deep link survives a reload; the plain-text answer is a parse failure.
  await page.reload();
  await expect(page.getByTestId("result-detail")).toBeVisible();
  await page.locator('[data-testid="result-row"][data-verdict="parse_failure"]').click();
  await expect(page.getByTestId("result-detail").getByTestId("raw-output")).toContainText("Yes, we ship to Canada!");
  await expect(page.getByTestId("result-detail").getByTestId("parse-status")).toContainText("failed");

  // A second model, then the two side by side from the list (first ticked is A).
  const second = await startEval(page, base, "gpt-4.1-mini");
  await expect(nd(page, "exactMatch")).toContainText("9 / 11");
  await page.goto(`${base}/evals`);
  // The list reads as a leaderboard: accuracy, latency and cost per 1,000 calls for each model.
  for (const id of [first, second]) {
    const row = page.locator(`[data-testid="eval-row"][data-eval-id="${id}"]`);
    await expect(row.getByTestId("eval-row-exact")).toHaveText(/\d+(\.\d)?%/);
    await expect(row.getByTestId("eval-row-latency")).toHaveText(/^\d[\d.]* m?s \/ \d[\d.]* m?s$/);
    await expect(row.getByTestId("eval-row-cost")).toHaveText(/\$\d/);
  }
  await shot(page, "19-evals-list");
  await page.locator(`[data-testid="eval-row"][data-eval-id="${first}"]`).getByTestId("eval-select").check();
  await page.locator(`[data-testid="eval-row"][data-eval-id="${second}"]`).getByTestId("eval-select").check();
  await page.getByTestId("compare-evals").click();
  await expect(page).toHaveURL(new RegExp(`compare\\?a=${first}&b=${second}`));
  await expect(page.getByTestId("compare-model-a")).toHaveText("gpt-4o-mini");
  await expect(page.getByTestId("compare-model-b")).toHaveText("gpt-4.1-mini");
  await expect(page.getByTestId("delta-exactMatch")).toHaveText(/\+18\.2 pts/);
  await expect(page.getByTestId("delta-exactMatch")).toHaveAttribute("data-tone", "good");
  await expect(page.getByTestId("flip-tab-fixed")).toContainText("3");
  await expect(page.getByTestId("flip-tab-broken")).toContainText("1");
  await expect(page.getByTestId("flip-tab-still_wrong")).toContainText("1");
  // Broken opens first: the regression is what to look at.
  await expect(page.getByTestId("flips-broken").getByTestId("flip-row")).toHaveCount(1);
  await expect(page.getByTestId("flips-broken")).toContainText("space heater");
  await page.getByTestId("flip-tab-fixed").click();
  const fixed = page.getByTestId("flips-fixed").getByTestId("flip-row");
  await expect(fixed).toHaveCount(3);
  await fixed.filter({ hasText: "trak order" }).click();
  await expect(page.getByTestId("flip-output-a")).toContainText("request_refund");
  await expect(page.getByTestId("flip-output-b")).toContainText("track_order");
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "15-eval-compare");
  await page.getByTestId("swap-ab").click();
  await expect(page).toHaveURL(new RegExp(`compare\\?a=${second}&b=${first}`));
  await expect(page.getByTestId("delta-exactMatch")).toHaveAttribute("data-tone", "bad");

  // The playground: one request, one model, the parsed call.
  await page.goto(`${base}/playground`);
  await expect(page.getByTestId("playground-style")).toContainText("router JSON");
  await page.getByTestId("pg-a-group-openai").click();
  await page.getByTestId("pg-a-model").fill("gpt-4o-mini");
  await page.getByTestId("playground-request").fill("Where is my order ORD-48213?");
  await page.getByTestId("playground-request").press("Control+Enter");
  const answer = page.getByTestId("playground-answer");
  await expect(answer.getByTestId("parsed-call")).toContainText("track_order");
  await expect(answer.getByTestId("parsed-call")).toContainText('"order_id": "ORD-48213"');
  await expect(answer.getByTestId("answer-valid")).toHaveAttribute("data-valid", "true");
  await expect(answer.getByTestId("parse-status")).toContainText("clean");
  await shot(page, "16-playground");
});

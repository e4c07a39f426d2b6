// The curation loop as a user does it, in Debian's Chromium against the production build.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, actAs, emailOf, shot } from "./helpers";

test.describe.configure({ mode: "serial" });

let base = ""; // /projects/<id>

async function openNewExample(page: Page) {
  await page.goto(`${base}/examples/new`);
  await expect(page.getByTestId("request-input")).toBeFocused();
}

test("sends a visitor to sign in, then lists the demo projects", async ({ page, browser }) => {
  const invited = await browser.newContext();
  await actAs(invited, "Ada Lovelace"); // the owner invited Ada; she joined
  await invited.close();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(emailOf("Ada Lovelace", "owner"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Ada Lovelace");
  await expect(page.getByText("Customer support router")).toBeVisible();
  await expect(page.getByText("Task manager assistant")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toContainText("Ada Lovelace");
  await shot(page, "01-projects");
});

test("creates a project and adds a tool with arguments as form rows", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill("E2E order router");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/catalogue$/);
  base = new URL(page.url()).pathname.replace(/\/catalogue$/, "");

  await page.getByRole("button", { name: "+ Add tool" }).first().click();
  const name = page.getByTestId("tool-name-input");
  await name.fill("track order");
  await expect(page.locator("#tool-name-msg")).toContainText("letters, digits");
  await expect(page.getByTestId("tool-save")).toBeDisabled();
  await name.fill("track_order");
  await page.getByLabel("Description").fill("Look up where an order is. Needs the order id.");
  await page.getByTestId("add-argument").click();
  await page.getByTestId("row-name-0").fill("order_id");
  await page.getByLabel("order_id is required").check();
  await page.getByTestId("add-argument").click();
  await page.getByTestId("row-name-1").fill("email");
  await page.getByTestId("tool-save").click();
  await expect(page.getByTestId("tool-save-result")).toContainText("saved as catalogue version 1");

  await page.getByRole("button", { name: "+ Add tool" }).first().click();
  await page.getByTestId("tool-name-input").fill("escalate");
  await page.getByLabel("Description").fill("Hand the conversation to a human agent.");
  await page.getByTestId("add-argument").click();
  await page.getByTestId("row-name-0").fill("summary");
  await page.getByLabel("summary is required").check();
  await page.getByTestId("tool-save").click();
  await expect(page.getByTestId("tool-save-result")).toContainText("saved as catalogue version 2");
  await expect(page.getByText("- track_order(order_id: string, email?: string)")).toBeVisible();
  await shot(page, "02-catalogue");
});

test("labels a tool call and a no_tool example with the keyboard only, and the gauge moves", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/examples`);
  await expect(page.getByTestId("gauge-ratio")).toHaveText("—");

  await openNewExample(page);
  await page.keyboard.type("Where is my order ORD-12345?");
  await page.keyboard.press("Alt+1");
  await expect(page.getByTestId("arg-order_id")).toBeFocused();
  await page.keyboard.type("ORD-12345");
  await expect(page.getByTestId("validation-summary")).not.toContainText("is required");
  await page.keyboard.press("Control+Enter");
  // Saved, and a fresh form is ready for the next one.
  await expect(page.getByTestId("request-input")).toHaveValue("");
  await expect(page.getByTestId("request-input")).toBeFocused();
  await expect(page.getByTestId("gauge-mini")).toContainText("0%");

  await page.keyboard.type("hello there!");
  await page.keyboard.press("Alt+0");
  await expect(page.getByTestId("reason-input")).toBeFocused();
  await page.keyboard.type("greeting");
  await shot(page, "03-editor-no-tool");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("request-input")).toHaveValue("");
  await expect(page.getByTestId("gauge-mini")).toContainText("50%");

  // A third, invalid one: Alt+2 (escalate) without its required summary, saved as a flagged draft.
  await page.keyboard.type("I want a human");
  await page.keyboard.press("Alt+2");
  await expect(page.getByTestId("validation-summary")).toContainText("is required");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · version 1/);

  await page.goto(`${base}/examples`);
  await expect(page.getByTestId("example-row")).toHaveCount(3);
  await expect(page.getByTestId("gauge-ratio")).toHaveText("50%");
  await expect(page.getByTestId("no-tool-gauge")).toHaveAttribute("data-band", "above");
  await expect(page.getByTestId("no-tool-gauge")).toContainText("above 20%");
  await expect(page.getByTestId("invalid-badge")).toHaveCount(1);
  await expect(page.getByTestId("tool-counts")).toContainText("track_order");
  await shot(page, "04-examples-list");
});

test("moves between examples and relabels with the keyboard; the gauge follows without a reload", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto(`${base}/examples`);
  await page.getByTestId("example-row").nth(1).click();
  await expect(page.getByTestId("reason-input")).toHaveValue("greeting");
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByTestId("request-input")).toHaveValue("Where is my order ORD-12345?");
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page.getByTestId("request-input")).toHaveValue("hello there!");
  // Relabel the greeting as a tool call: the gauge drops to 0% at once.
  await page.keyboard.press("Alt+1");
  await page.keyboard.type("ORD-99999");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · version 2/);
  await expect(page.getByTestId("gauge-mini")).toContainText("0%");
  await page.keyboard.press("Alt+0");
  await page.keyboard.type("greeting");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · version 3/);
  await expect(page.getByTestId("gauge-mini")).toContainText("50%");
});

test("breaking a tool's schema flags its examples at once; raw JSON errors are shown in place", async ({ page, context }) => {
  await actAs(context, "Grace Hopper");
  await page.goto(`${base}/catalogue`);
  await page.getByRole("button", { name: /track_order/ }).first().click();
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  const json = page.getByTestId("params-json");
  await json.fill('{ "type": "object", "properties": { "order_id": { "type": "integer" }');
  await expect(page.getByTestId("json-error")).toContainText(/line \d+/i);
  await expect(page.getByTestId("tool-save")).toBeDisabled();
  await json.fill('{ "type": "object", "properties": { "order_id": { "type": "integr" } } }');
  await expect(page.getByTestId("schema-issues")).toContainText("properties.order_id.type");
  await expect(page.getByTestId("tool-save")).toBeDisabled();
  await json.fill('{ "type": "object", "properties": { "order_id": { "type": "integer" }, "email": { "type": "string" } }, "required": ["order_id"] }');
  await page.getByTestId("tool-save").click();
  // A save that would invalidate examples says how many first.
  await expect(page.getByRole("dialog")).toContainText("Saving will invalidate 1 example");
  await page.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByTestId("tool-save-result")).toContainText("1 example now invalid (1 newly)");
  await shot(page, "05-catalogue-json-editor");

  // The list's "invalid" filter finds it (and the escalate draft from before); nothing was deleted.
  await page.goto(`${base}/examples`);
  await expect(page.getByTestId("example-row")).toHaveCount(3);
  // A controlled checkbox: its state follows the URL, so assert on the outcome rather than using check().
  await page.getByTestId("filter-invalid").click();
  await expect(page).toHaveURL(/invalid=true/);
  await expect(page.getByTestId("filter-invalid")).toBeChecked();
  await expect(page.getByTestId("example-row")).toHaveCount(2);
  await page.getByTestId("example-row").first().click();
  await expect(page.getByTestId("validation-summary")).toContainText("must be an integer");
  await shot(page, "06-flagged-example");
});

test("a second save of the same example gets a conflict, never a silent overwrite", async ({ browser }) => {
  const ada = await browser.newContext();
  const grace = await browser.newContext();
  await actAs(ada, "Ada Lovelace");
  await actAs(grace, "Grace Hopper");
  const a = await ada.newPage();
  const g = await grace.newPage();
  await a.goto(`${base}/examples`);
  await a.getByTestId("example-row").nth(1).click();
  await expect(a.getByTestId("request-input")).toHaveValue("hello there!");
  const url = a.url();
  await g.goto(url);
  await expect(g.getByTestId("request-input")).toHaveValue("hello there!");

  await a.getByTestId("request-input").fill("hello there! how are you?");
  await a.keyboard.press("Control+s");
  await expect(a.getByTestId("save-status")).toHaveText(/Saved · version 4/);

  await g.getByTestId("request-input").fill("hi!");
  await g.keyboard.press("Control+s");
  await expect(g.getByTestId("conflict-banner")).toBeVisible();
  await expect(g.getByTestId("conflict-banner")).toContainText("Ada Lovelace");
  await expect(g.getByTestId("save-status")).toHaveText(/conflict/i);
  await shot(g, "07-conflict");
  await g.getByTestId("conflict-load-theirs").click();
  await expect(g.getByTestId("request-input")).toHaveValue("hello there! how are you?");
  await expect(g.getByTestId("conflict-banner")).toBeHidden();
  await ada.close();
  await grace.close();
});

test("renames a project, and deletes it only after a confirmation that says what goes with it", async ({ page, context }) => {
  await actAs(context, "Ada Lovelace");
  await page.goto("/");
  await page.getByRole("button", { name: "Rename E2E order router" }).click();
  await page.getByLabel("New name for E2E order router").fill("E2E router (renamed)");
  await page.getByLabel("New name for E2E order router").press("Enter");
  await expect(page.getByRole("button", { name: "Rename E2E router (renamed)" })).toBeVisible();

  await page.getByRole("button", { name: "Delete E2E router (renamed)" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("E2E router (renamed)");
  await expect(dialog).toContainText("3 examples");
  await dialog.getByRole("button", { name: /cancel/i }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Delete E2E router (renamed)" })).toBeVisible();

  await page.getByRole("button", { name: "Delete E2E router (renamed)" }).click();
  await expect(page.getByTestId("deletion-list")).toContainText("0 training runs");
  await page.getByRole("dialog").getByRole("button", { name: /move to trash/i }).click();
  await expect(page.getByRole("button", { name: "Delete E2E router (renamed)" })).toHaveCount(0);
  await expect(page.getByText("Customer support router")).toBeVisible();

  // It waits in the trash and comes back as it was.
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("heading", { name: "Trash" })).toBeVisible();
  await expect(page.getByRole("row", { name: /E2E router \(renamed\)/ })).toContainText("3 examples");
  await page.getByRole("button", { name: "Restore E2E router (renamed)" }).click();
  await expect(page.getByText("The trash is empty")).toBeVisible();
  await page.getByRole("link", { name: "Back to projects" }).click();
  await expect(page.getByRole("button", { name: "Delete E2E router (renamed)" })).toBeVisible();
});

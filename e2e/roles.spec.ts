import { expect, test, type Browser } from "@playwright/test";
import { PASSWORD, actAs, apiAs, emailOf, shot, type Role } from "./helpers";

/** The owner makes an invitation link on the Members page, as an admin would, and returns it. */
async function invite(browser: Browser, email: string, role: Role): Promise<string> {
  const owner = await browser.newContext();
  await actAs(owner, "Olivia Owner");
  const page = await owner.newPage();
  await page.goto("/members");
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Make invitation link" }).click();
  const link = (await page.getByTestId("invite-link").locator("code").textContent())!.trim();
  await shot(page, `roles-invite-${role}`);
  await owner.close();
  return link;
}

test("the owner invites an editor and a viewer; the viewer can only look, the editor labels", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const editorEmail = `eddie-${stamp}@e2e.test`;
  const viewerEmail = `vera-${stamp}@e2e.test`;
  const editorLink = await invite(browser, editorEmail, "editor");
  const viewerLink = await invite(browser, viewerEmail, "viewer");

  const editor = await browser.newContext();
  const viewer = await browser.newContext();
  for (const [context, link, name] of [[editor, editorLink, "Eddie Editor"], [viewer, viewerLink, "Vera Viewer"]] as const) {
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText(name);
  }

  const projects = await (await viewer.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  const base = `/projects/${project.id}`;

  // The viewer sees the examples and runs but no button to label or start anything, and the API refuses.
  const v = await viewer.newPage();
  await v.goto(`${base}/examples`);
  await expect(v.getByTestId("example-row").first()).toBeVisible();
  await expect(v.getByTestId("new-example")).toHaveCount(0);
  await v.getByTestId("example-row").first().click();
  await expect(v.getByTestId("read-only")).toBeVisible();
  await expect(v.getByTestId("save-button")).toHaveCount(0);
  await expect(v.getByTestId("save-next-button")).toHaveCount(0);
  await shot(v, "roles-viewer-example");
  await v.goto(`${base}/runs`);
  await expect(v.getByRole("heading", { name: "Runs" })).toBeVisible();
  await expect(v.getByTestId("new-run")).toHaveCount(0);
  // Nor a button to import, split, change settings, delete a project or manage endpoints.
  await v.goto(`${base}/data`);
  await expect(v.getByTestId("split-preview")).toBeVisible();
  await expect(v.getByTestId("split-apply")).toHaveCount(0);
  await expect(v.getByTestId("import-file")).toHaveCount(0);
  await v.goto(`${base}/settings`);
  await expect(v.getByText("Read only: an editor can change settings.")).toBeVisible();
  await expect(v.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await v.goto("/");
  await expect(v.getByText("Customer support router").first()).toBeVisible();
  await expect(v.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await v.goto("/endpoints");
  await expect(v.getByRole("heading", { name: "Endpoints" })).toBeVisible();
  await expect(v.getByTestId("add-endpoint")).toHaveCount(0);
  const asViewer = apiAs(viewer);
  const label = await asViewer.post(`/api${base}/examples`, { messages: [{ role: "user", content: "hi" }, { role: "assistant", decision: { kind: "no_tool", reason: "greeting" }, weight: 1 }] });
  expect(label.status()).toBe(403);
  expect((await label.json()).error.message).toMatch(/viewer/);
  const run = await asViewer.post(`/api${base}/runs`, { backend: "openai", baseModel: "gpt-4.1-mini" });
  expect(run.status()).toBe(403);

  // The editor labels: the save goes through under their name.
  const e = await editor.newPage();
  await e.goto(`${base}/examples`);
  await e.getByTestId("example-row").first().click();
  await expect(e.getByTestId("save-button")).toBeVisible();
  const request = e.getByTestId("request-input");
  await request.fill(`${await request.inputValue()} (checked by Eddie)`);
  await e.keyboard.press("Control+s");
  await expect(e.getByTestId("save-status")).toHaveText(/Saved · version \d+/);
  await shot(e, "roles-editor-saved");
  const owner = await browser.newContext();
  await actAs(owner, "Olivia Owner");
  const members = await (await owner.request.get("/api/members")).json();
  expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual(expect.arrayContaining([[editorEmail, "editor"], [viewerEmail, "viewer"], [emailOf("Olivia Owner", "owner"), "owner"]]));
  await Promise.all([editor.close(), viewer.close(), owner.close()]);
});

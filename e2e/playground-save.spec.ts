// Save as example from the playground: the model's answer becomes an editable target, saved with a
// chosen split through the same API as the editor, and found in the examples list.
import { expect, test } from "@playwright/test";
import { actAs, shot } from "./helpers";

test("saves a playground answer, corrected, as an example in the chosen split and finds it in the list", async ({ page, context }) => {
  await actAs(context, "Pat Playground", "editor");
  const projects = await (await context.request.get("/api/projects")).json();
  const project = projects.find((p: { name: string }) => p.name === "Customer support router");
  const base = `/projects/${project.id}`;

  await page.goto(`${base}/playground`);
  await page.getByTestId("pg-a-group-openai").click();
  await page.getByTestId("pg-a-model").fill("gpt-4o-mini");
  const request = "Where is my order ORD-48213? Asking for my aunt Zelda.";
  await page.getByTestId("playground-request").fill(request);
  await page.getByTestId("playground-run").click();
  const answer = page.getByTestId("playground-answer");
  await expect(answer.getByTestId("parsed-call")).toContainText("track_order");

  // The answer is prefilled as the target: the tool and its arguments, editable.
  await answer.getByTestId("save-as-example").click();
  const form = answer.getByTestId("save-example-form");
  await expect(form).toContainText(request);
  await expect(form.getByTestId("save-example-tool")).toHaveValue("track_order");
  await expect(form.getByTestId("save-example-args")).toHaveValue(/"order_id": "ORD-48213"/);

  // Arguments that are not JSON are refused before anything is sent, naming the call.
  await form.getByTestId("save-example-args").fill('{"order_id": ');
  await form.getByTestId("save-example-submit").click();
  await expect(form.getByRole("alert")).toContainText("call 1 (track_order): arguments are not valid JSON");

  await form.getByTestId("save-example-args").fill('{"order_id": "ORD-48213", "email": "zelda@example.com"}');
  await form.getByTestId("save-example-split").selectOption("validation");
  await shot(page, "40-playground-save-example");
  await form.getByTestId("save-example-submit").click();
  const saved = answer.getByTestId("saved-example");
  await expect(saved).toContainText(/Saved as example #\d+ in validation\./);

  // The link opens the new example in the editor, with the corrected call and the split chosen.
  await saved.getByRole("link", { name: /example #\d+/ }).click();
  await expect(page).toHaveURL(/\/examples\/[^/?]+$/);
  await expect(page.getByTestId("split-select")).toHaveValue("validation");
  const exampleId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  const example = await (await context.request.get(`/api/projects/${project.id}/examples/${exampleId}`)).json();
  expect(example).toMatchObject({ split: "validation", tags: ["playground"], invalid: false, createdBy: "Pat Playground" });
  expect(example.messages).toEqual([
    { role: "user", content: request },
    { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-48213", email: "zelda@example.com" } }] }, weight: 1 },
  ]);

  // And it is in the examples list.
  await page.goto(`${base}/examples?q=Zelda`);
  await expect(page.getByTestId("example-row")).toHaveCount(1);
  await expect(page.getByTestId("example-row")).toContainText("aunt Zelda");
  await expect(page.getByTestId("example-row")).toContainText("validation");
});

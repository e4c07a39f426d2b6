// BFCL live questions that carry the conversation so far (earlier assistant replies, a tool result):
// imported into a router_json project as gold examples with those turns, and scored from the project.
import { copyFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scoreFiles } from "@/cli/score";
import * as projects from "@/app/api/projects/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import { firstAcceptable } from "@/lib/formats/bfcl";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { call, testFilesDir } from "./helpers";

const FIXTURES = path.resolve("tests/unit/formats/fixtures");
const TMP = testFilesDir();
afterAll(() => disconnectDb());

const jsonl = (file: string) =>
  readFileSync(path.join(FIXTURES, file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
const questions: { id: string; question: { role: string; content: string }[][] }[] = jsonl("BFCL_v4_live_multi_turn.json");
const answers = new Map<string, Record<string, Record<string, unknown[]>>[]>(jsonl("BFCL_v4_live_multi_turn.answers.json").map((a) => [a.id, a.ground_truth]));

function local(file: string) {
  const to = path.join(TMP, `${process.pid}-${Date.now()}-${file}`);
  copyFileSync(path.join(FIXTURES, file), to);
  return to;
}

describe("BFCL live questions with earlier turns", () => {
  it("import as gold examples with their earlier turns and score from the project", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "BFCL live", outputStyle: "router_json" } })).json.id as string;
    const file = local("BFCL_v4_live_multi_turn.json");
    const author = await resolveAuthor("Importer");
    const id = await registerImport(
      pid,
      { fileName: "BFCL_v4_live_multi_turn.json", filePath: file, fileBytes: statSync(file).size, format: "auto", answersPath: local("BFCL_v4_live_multi_turn.answers.json") },
      author,
    );
    await analyseImport(id);
    const analysed = (await call(importRoute.GET, "GET", { params: { projectId: pid, importId: id } })).json;
    expect(analysed).toMatchObject({ format: "bfcl", total: questions.length, errorCount: 0, needsReasonCount: 0 });
    const r = await call(commitRoute.POST, "POST", { params: { projectId: pid, importId: id }, body: { keepValid: false, split: "gold" } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await commitImport(id);

    // Every question is a labelled gold example whose turns are the question's, then the answer.
    const gold = await call(examplesRoute.GET, "GET", { params: { projectId: pid }, query: { split: "gold", review: "labelled" } });
    expect(gold.json.total).toBe(questions.length);
    const rows = await db().example.findMany({ where: { projectId: pid }, orderBy: { number: "asc" }, select: { id: true, messages: true } });
    const roles = rows.map((row) => (JSON.parse(row.messages) as Message[]).map((m) => m.role));
    expect(roles).toEqual(questions.map((q) => [...q.question[0].filter((m) => m.role !== "system").map((m) => m.role), "assistant"]));

    // Predictions in router JSON: the first answered question right, the second with a wrong value,
    // the third missing; the irrelevant one declined.
    const answered = questions.map((q, i) => ({ q, row: rows[i] })).filter(({ q }) => answers.has(q.id));
    const irrelevant = rows.filter((_, i) => !answers.has(questions[i].id));
    const routerCall = (qid: string, edit: (a: Record<string, unknown>) => Record<string, unknown> = (a) => a) => {
      const [name, args] = Object.entries(answers.get(qid)![0])[0];
      return JSON.stringify({ tool: name.replace(/\./g, "_"), arguments: edit(firstAcceptable(args)) });
    };
    const predictions = path.join(TMP, `${process.pid}-live-predictions.jsonl`);
    const lines = [
      { id: answered[0].row.id, output: routerCall(answered[0].q.id) },
      { id: answered[1].row.id, output: routerCall(answered[1].q.id, (a) => ({ ...a, unit: "fahrenheit" })) },
      ...irrelevant.map((row) => ({ id: row.id, output: JSON.stringify({ tool: "no_tool", reason: "no function tells jokes" }) })),
    ];
    writeFileSync(predictions, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const score = await scoreFiles({ predictions, projectId: pid, match: "bfcl" });
    expect(score.summary.total).toBe(questions.length);
    expect(score.summary.exactMatch).toMatchObject({ n: 1 + irrelevant.length, d: questions.length });
    expect(score.summary.verdicts).toMatchObject({ correct: 1 + irrelevant.length, wrong_arguments: 1, parse_failure: answered.length - 2 });
  });
});

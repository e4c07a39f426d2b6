// The tooltune command as a pipeline runs it: a real process, the same database as the app.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as code from "@/app/api/projects/[projectId]/export/code/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import { db, disconnectDb } from "@/lib/server/db";
import { errorsPathOf, preparedPathOf, uploadsDir } from "@/lib/server/imports/storage";
import { call, cliArgs } from "./helpers";
import { sessionCookie } from "../support/auth";

const SHARED = path.resolve("../shared/datasets");

/** The installed command as a user types it: bin/tooltune.mjs, which runs cli/main.ts with tsx. */
function tooltuneBin(...args: string[]) {
  const r = spawnSync("node", ["bin/tooltune.mjs", ...args], { encoding: "utf8", env: { ...process.env, USER: "ci-bot" }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command (cli/main.ts), prebuilt once per run (global-setup.ts): a process start costs a third of tsx's. */
function tooltune(...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { encoding: "utf8", env: { ...process.env, USER: "ci-bot" }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** tooltune, asynchronously, so independent runs overlap. */
function tooltuneAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgs(...args), { env: { ...process.env, USER: "ci-bot" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

afterAll(() => disconnectDb());

describe("tooltune CLI", () => {
  it("documents its commands and each command's flags", () => {
    const help = tooltuneBin("--help");
    expect(help.code).toBe(0);
    for (const c of ["import", "export", "validate", "split"]) expect(help.out).toContain(`tooltune ${c}`);
    const v = tooltuneBin("validate", "--help");
    expect(v.out).toContain("--encoding cl100k_base|o200k_base");
    expect(v.out).toContain("--token-limit");
    expect(tooltuneBin("frobnicate").code, "the bin wrapper passes the command's exit code on").toBe(2);
    expect(tooltune("--help").out, "the prebuilt command the other tests run is the same command").toBe(help.out);
  }, 120_000); // three starts through tsx: past vitest's 30 s default under load

  it("validates a file without importing it: the cookbook's numbers on its toy file, as JSON", () => {
    const r = tooltune("validate", path.join(SHARED, "toy_chat_fine_tuning.jsonl"), "--json");
    // The cookbook finds no format error, but line 4 has no user message: tooltune import rejects it, so validate does too.
    expect(r.code, r.err).toBe(1);
    const rep = JSON.parse(r.out);
    expect(rep).toMatchObject({ examples: 5, linesWithErrors: 1, missingSystem: 1, missingUser: 1, overTokenLimit: 0, defaultEpochs: 20, encoding: "cl100k_base" });
    expect(rep.errorLines).toEqual([{ line: 4, errors: ["not_importable"], reason: "line 4: an example needs a user request and a target" }]);
    expect(rep.distributions.messages).toMatchObject({ min: 2, max: 9, mean: 3.8, median: 3 });
    expect(rep.distributions.totalTokens).toMatchObject({ min: 26, max: 8032, median: 45 });
    expect(rep.distributions.totalTokens.p10).toBeCloseTo(26.8, 6);
    expect(rep.distributions.totalTokens.p90).toBeCloseTo(4863.6, 6);
    expect(rep.distributions.assistantTokens).toMatchObject({ min: 4, max: 8000, median: 10 });
    // The cookbook's code caps billing at 16,385 tokens per example (its saved output predates that: ~4306 at 4096).
    expect(rep.billingTokens).toBe(8242);
    expect(rep.chargedTokens).toBe(164840);
    const small = JSON.parse(tooltune("validate", path.join(SHARED, "toy_chat_fine_tuning.jsonl"), "--json", "--token-limit", "4096").out);
    expect([small.billingTokens, small.chargedTokens]).toEqual([4306, 86120]);
  }, 120_000);

  it("exits 1 and names the line when a file has errors (the double-encoded drone row)", () => {
    const r = tooltune("validate", path.join(SHARED, "drone_training.first3.jsonl"));
    expect(r.code).toBe(1);
    const j = JSON.parse(tooltune("validate", path.join(SHARED, "drone_training.first3.jsonl"), "--json").out);
    expect(j.errorLines).toEqual([expect.objectContaining({ line: 3, errors: ["tool_call_double_encoded_arguments"] })]);
  }, 120_000);

  it("imports, splits and exports a project, and validates the export with zero errors", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "CLI glaive", outputStyle: "native_tools" } })).json.id;
    const imp = tooltune("import", path.join(SHARED, "glaive_toolcall_en_demo.trl.jsonl"), "--project", pid, "--keep-valid");
    expect(imp.code, imp.err + imp.out).toBe(0);
    expect(imp.out).toMatch(/300 records \(trl\), \d+ valid, \d+ rejected/);
    expect(imp.out).toMatch(/line \d+: \[schema_violation\]/);
    const imported = await db().example.count({ where: { projectId: pid } });
    expect(imp.out).toContain(`imported ${imported} examples`);
    expect(imported).toBeGreaterThan(150);
    expect((await db().example.findFirstOrThrow({ where: { projectId: pid } })).createdById).toBe((await db().user.findFirstOrThrow({ where: { name: "ci-bot", email: null } })).id);

    const preview = tooltune("split", "--project", "CLI glaive");
    expect(preview.out).toContain(`would assign ${imported} examples`);
    expect(await db().example.count({ where: { projectId: pid, split: "unassigned" } })).toBe(imported);
    expect(tooltune("split", "--project", pid, "--apply").code).toBe(0);
    expect(await db().example.count({ where: { projectId: pid, split: "unassigned" } })).toBe(0);

    const out = path.resolve(mkdtempSync(path.join(tmpdir(), "tooltune-export-")), "cli-export.jsonl");
    const exp = tooltune("export", "--project", pid, "--format", "openai", "--split", "all", "--out", out);
    expect(exp.code, exp.err).toBe(0);
    const gold = await db().example.count({ where: { projectId: pid, split: "gold" } });
    expect(exp.err).toContain(`exported ${imported - gold} examples`);
    const check = tooltune("validate", out, "--json");
    expect(check.code, check.out.slice(0, 2000)).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ examples: imported - gold, linesWithErrors: 0 });
  }, 300_000);

  it("never writes beside or deletes the user's own file: discarding a CLI import removes only ToolTune's copy", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "CLI discard", outputStyle: "native_tools" } })).json.id;
    const home = mkdtempSync(path.join(tmpdir(), "tooltune-user-"));
    const file = path.join(home, "mine.jsonl");
    const good = { messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "Hello! How can I help?" }] };
    const text = JSON.stringify(good) + "\n" + "{not json\n";
    writeFileSync(file, text);
    const before = new Set(readdirSync(uploadsDir()));

    // A rejected line and no --keep-valid: the import stays "ready", with a Discard button in the Data tab.
    const r = tooltune("import", file, "--project", pid);
    expect(r.code, r.err + r.out).toBe(1);
    const job = await db().importJob.findFirstOrThrow({ where: { projectId: pid } });
    expect(job.status).toBe("ready");
    expect(path.dirname(job.filePath)).toBe(uploadsDir());
    expect(readdirSync(home), "nothing is written beside the user's file").toEqual(["mine.jsonl"]);
    const added = readdirSync(uploadsDir()).filter((f) => !before.has(f));
    // ToolTune's own files, all in uploads: the copy, its error report, and the verdicts the commit reuses.
    const ours = [job.filePath, errorsPathOf(job.filePath), preparedPathOf(job.filePath)];
    expect(added.sort()).toEqual(ours.map((f) => path.basename(f)).sort());

    const res = await call(importRoute.DELETE, "DELETE", { params: { projectId: pid, importId: job.id } });
    expect(res.status).toBe(204);
    expect(readFileSync(file, "utf8"), "the user's file is untouched").toBe(text);
    expect(existsSync(job.filePath)).toBe(false);
    for (const f of ours) expect(existsSync(f), `${path.basename(f)} is removed with the import`).toBe(false);

    // An import recorded before CLI files were copied in points at the user's file: discarding it leaves the file.
    const legacy = await db().importJob.create({
      data: { projectId: pid, fileName: "mine.jsonl", filePath: file, answersPath: file, fileBytes: text.length, format: "openai", detectedFormat: "openai", status: "ready" },
    });
    expect((await call(importRoute.DELETE, "DELETE", { params: { projectId: pid, importId: legacy.id } })).status).toBe(204);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect((await db().importJob.findUniqueOrThrow({ where: { id: legacy.id } })).status).toBe("cancelled");
  });

  it("runs a whole pipeline from an empty project: create, import, split, export, validate, show", async () => {
    const name = `Pipeline ${Date.now()}`;
    const created = tooltune("projects", "create", name, "--output-style", "native_tools", "--description", "from CI", "--json");
    expect(created.code, created.err).toBe(0);
    const project = JSON.parse(created.out);
    expect(project).toMatchObject({ name, outputStyle: "native_tools", description: "from CI", exampleCount: 0 });
    expect(tooltune("projects", "create", name).code, "a taken name fails").toBe(1);
    expect(JSON.parse(tooltune("projects", "create", name, "--exists-ok", "--json").out).id).toBe(project.id);
    const listed = tooltune("projects", "list");
    expect(listed.out).toMatch(new RegExp(`^${project.id}\\s+${name}\\s+native_tools\\s+0\\s+0\\s`, "m"));
    expect(JSON.parse(tooltune("projects", "list", "--json").out).map((p: { id: string }) => p.id)).toContain(project.id);

    const imp = tooltune("import", path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"), "--project", name, "--keep-valid");
    expect(imp.code, imp.err + imp.out).toBe(0);
    const imported = await db().example.count({ where: { projectId: project.id } });
    expect(imported).toBeGreaterThan(150);
    const labelled = await db().example.count({ where: { projectId: project.id, reviewState: { in: ["labelled", "reviewed"] }, invalid: false } });

    // Nothing is in a split yet: export says why, exits 1 and writes no file.
    const dir = mkdtempSync(path.join(tmpdir(), "tooltune-pipeline-"));
    const early = tooltune("export", "--project", name, "--split", "all", "--out", path.join(dir, "early.jsonl"));
    expect(early.code).toBe(1);
    expect(early.err.trim()).toBe(`tooltune export: the train and validation splits are empty; ${labelled.toLocaleString("en")} labelled examples have no split: run tooltune split --project "${name}" --apply`);
    expect(readdirSync(dir)).toEqual([]);

    expect(tooltune("split", "--project", name, "--validation", "0.2", "--gold", "0.1", "--apply").code).toBe(0);
    const out = path.join(dir, "train+validation.jsonl");
    const exp = tooltune("export", "--project", project.id, "--split", "all", "--out", out);
    expect(exp.code, exp.err).toBe(0);
    const exported = readFileSync(out, "utf8").split("\n").filter(Boolean).length;
    expect(exp.err).toContain(`exported ${exported} examples`);
    const check = tooltune("validate", out, "--json");
    expect(check.code, check.out.slice(0, 2000)).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ examples: exported, linesWithErrors: 0 });

    const shown = tooltune("projects", "show", name, "--json");
    expect(shown.code, shown.err).toBe(0);
    const { project: p, splits, stats } = JSON.parse(shown.out);
    expect(p.exampleCount).toBe(imported);
    const bySplit = Object.fromEntries(
      await Promise.all(["train", "validation", "gold", "unassigned"].map(async (s) => [s, await db().example.count({ where: { projectId: project.id, split: s } })])),
    );
    expect(splits).toEqual(bySplit);
    expect(splits.train + splits.validation, "a split only takes labelled, valid examples, and export writes them all").toBe(exported);
    expect(stats.totals.examples).toBe(imported);
    expect(stats.perTool.map((t: { name: string }) => t.name).sort()).toEqual((await db().tool.findMany({ where: { projectId: project.id } })).map((t) => t.name).sort());
    const text = tooltune("projects", "show", project.id).out;
    expect(text).toContain(`${name} (${project.id})`);
    expect(text).toMatch(new RegExp(`train\\s+${bySplit.train.toLocaleString("en")} examples\\s+no_tool`));

    // Each changing command is on the audit log, by "cli" and the OS user, with its arguments; reads are not.
    const events = await db().auditEvent.findMany({ where: { actorLabel: { startsWith: "cli (" }, detail: { contains: name } }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["cli.projects.create", "ok"],
      ["cli.projects.create", "failed"],
      ["cli.projects.create", "ok"],
      ["cli.import", "ok"],
      ["cli.split", "ok"],
    ]);
    expect(JSON.parse(events[4].detail!)).toEqual({ args: ["--project", name, "--validation", "0.2", "--gold", "0.1", "--apply"], exit: 0 });

    // The gold split is held out: asking for an empty validation split names where the examples are.
    const empty = await call(projects.POST, "POST", { body: { name: `${name} empty`, outputStyle: "native_tools" } });
    const none = tooltune("export", "--project", empty.json.id);
    expect([none.code, none.err.trim()]).toEqual([1, `tooltune export: the train split is empty; the project has no examples: import some with tooltune import FILE --project ${empty.json.id}`]);
  }, 600_000);

  it("answers a wrong flag value with one line naming the flag and what it accepts, and exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["export", "--project", "x", "--format", "xml"], /^tooltune export: --format must be one of openai, trl, router; got "xml"$/],
      [["export", "--project", "x", "--split", "bogus"], /^tooltune export: --split must be one of train, validation, all, labelled; got "bogus"$/],
      [["split", "--project", "x", "--validation", "2"], /^tooltune split: --validation must be a number from 0 to 0.9; got "2"$/],
      [["split", "--project", "x", "--seed", "abc"], /^tooltune split: --seed must be a whole number 0 or more; got "abc"$/],
      [["split", "--project", "x", "--validation", "0.6", "--gold", "0.5"], /^tooltune split: --validation and --gold must add up to less than 1/],
      [["import", "f.jsonl", "--project", "x", "--split", "bogus"], /^tooltune import: --split must be one of unassigned, train, validation, gold; got "bogus"$/],
      [["import", "f.jsonl", "--project", "x", "--format", "csv"], /^tooltune import: --format must be one of auto, openai, /],
      [["validate", "f.jsonl", "--encoding", "p50k"], /^tooltune validate: --encoding must be one of cl100k_base, o200k_base; got "p50k"$/],
      [["validate", "f.jsonl", "--token-limit=-5"], /^tooltune validate: --token-limit must be a whole number 1 or more; got "-5"$/],
      [["eval", "--project", "x", "--model", "m", "--concurrency", "500"], /^tooltune eval: --concurrency must be a whole number from 1 to 64; got "500"$/],
      [["eval", "--project", "x", "--model", "m", "--backend", "azure"], /^tooltune eval: --backend must be one of openai, gpu, together, fireworks, endpoint; got "azure"$/],
      [["score", "--predictions", "p.jsonl", "--match", "fuzzy"], /^tooltune score: --match must be one of strict, bfcl; got fuzzy$/],
      [["projects", "create", "P", "--output-style", "xml"], /^tooltune projects: --output-style must be one of router_json, native_tools; got "xml"$/],
      [["projects", "rename"], /^tooltune projects: ACTION must be one of create, list, show; got "rename"$/],
      [["export", "--frobnicate"], /^tooltune export: Unknown option '--frobnicate'.*tooltune export --help lists the flags\)$/],
    ];
    const answers: { code: number | null; out: string; err: string }[] = [];
    for (let i = 0; i < cases.length; i += 4) answers.push(...(await Promise.all(cases.slice(i, i + 4).map(([args]) => tooltuneAsync(...args)))));
    for (const [i, [args, message]] of cases.entries()) {
      const r = answers[i];
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err.trimEnd().split("\n"), `${args.join(" ")} printed:\n${r.err}`).toHaveLength(1);
      expect(r.err.trimEnd()).toMatch(message);
    }
  }, 600_000);

  it("writes progress as whole lines when its output is not a terminal (no carriage returns in logs)", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `CLI progress ${Date.now()}`, outputStyle: "native_tools" } })).json.id;
    const base = readFileSync(path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"), "utf8").split("\n").filter(Boolean).slice(0, 3);
    const lines = Array.from({ length: 2_500 }, (_, i) => {
      const r = JSON.parse(base[i % base.length]);
      r.messages.find((m: { role: string }) => m.role === "user").content += ` (request ${i})`;
      return JSON.stringify(r);
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tooltune-progress-")), "big.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");
    const r = tooltune("import", file, "--project", pid, "--keep-valid");
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.err + r.out).not.toContain("\r");
    expect(r.err).toMatch(/^analysed 2500$/m);
    expect(r.err).toMatch(/^imported \d+$/m);
    expect(r.err.endsWith("\n")).toBe(true);
    expect(r.out).toContain(`imported ${await db().example.count({ where: { projectId: pid } })} examples`);
  }, 300_000);

  it("imports BFCL questions with their possible answers as a gold set with alternatives", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "CLI bfcl", outputStyle: "native_tools" } })).json.id;
    const r = tooltune(
      "import", path.join(SHARED, "bfcl/BFCL_v4_simple_python.json"), "--project", pid, "--keep-valid",
      "--answers", path.join(SHARED, "bfcl/possible_answer/BFCL_v4_simple_python.json"),
    );
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/\(bfcl\)/);
    const rows = await db().example.findMany({ where: { projectId: pid }, select: { split: true, gold: true, targetKind: true } });
    expect(rows.length).toBeGreaterThan(300);
    expect(new Set(rows.map((x) => x.split))).toEqual(new Set(["gold"]));
    expect(rows.every((x) => x.targetKind === "tool_calls" && x.gold)).toBe(true);
    const withAlternatives = rows.filter((x) => JSON.parse(x.gold!).some((g: { arguments: Record<string, unknown[]> }) => Object.values(g.arguments).some((alts) => alts.length > 1)));
    expect(withAlternatives.length).toBeGreaterThan(10);
  });

  it("exports the catalogue as a JSON Schema bundle, a zod module and a Pydantic module", async () => {
    const pid = (await call(projects.GET, "GET")).json.find((p: { name: string }) => p.name === "CLI bfcl").id;
    for (const file of ["catalogue.schema.json", "tooltune_catalogue.ts", "tooltune_catalogue.py"]) {
      const res = await code.GET(new Request(`http://t/api?file=${file}`, { headers: { cookie: await sessionCookie("Test Author") } }), { params: Promise.resolve({ projectId: pid }) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toContain(file);
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    const bad = await code.GET(new Request(`http://t/api?file=x.rb`, { headers: { cookie: await sessionCookie("Test Author") } }), { params: Promise.resolve({ projectId: pid }) });
    expect(bad.status).toBe(422);
  });
});

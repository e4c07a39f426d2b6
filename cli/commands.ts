// The CLI's commands. Each is a thin wrapper around the functions the app and worker use.
import { createWriteStream } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { FORMAT_IDS, type FormatId } from "../lib/formats/types";
import { SPLITS, type Split } from "../lib/schemas/common";
import { resolveAuthor } from "../lib/server/authors";
import { analyseImport } from "../lib/server/imports/analyse";
import { commitImport, indexImported } from "../lib/server/imports/commit";
import { claimCommit, copyLocalFile, getImport, registerImport } from "../lib/server/imports/imports";
import { removeOwned } from "../lib/server/files/data-dir";
import { exportLines, exportQuerySchema } from "../lib/server/datasets/export";
import { whyNothingToExport } from "./export-empty";
import { splitProject } from "../lib/server/datasets/split";
import { runScore } from "./score";
import { numberIn, oneOf, required, UsageError } from "./flags";
import { progress } from "./progress";
import { projectsCmd, PROJECTS_SUMMARY } from "./projects";
import { EVAL_HELP, runEvalCommand } from "./eval";
import { EVAL_BACKENDS, EVAL_LIMITS } from "../lib/schemas/evals";
import { validateFile, validateProject } from "./validate";
import { helpFlag, projectId, type Command } from "./command";

const help = helpFlag;

const importCmd: Command = {
  writes: () => true,
  options: {
    ...help,
    project: { type: "string" },
    format: { type: "string", default: "auto" },
    "keep-valid": { type: "boolean", default: false },
    "keep-duplicates": { type: "boolean", default: false },
    split: { type: "string", default: "unassigned" },
    author: { type: "string" },
    answers: { type: "string" },
    "use-imported": { type: "string", multiple: false },
  },
  help: `tooltune import FILE --project ID|NAME [options]
  Imports a dataset file into a project: analyses every record, reports the rejected ones with
  their line numbers, then imports the valid ones atomically (all or nothing).
  --format auto|${FORMAT_IDS.join("|")}   (default auto: detected from the first records)
  --keep-valid         import the valid records even when some are rejected (otherwise nothing is imported)
  --keep-duplicates    import records whose request repeats an earlier one (default: skip them)
  --split ${SPLITS.join("|")}   split given to the imported examples (default unassigned; gold for BFCL)
  --answers FILE       BFCL: the possible_answer file for the question FILE (imported as a gold set with alternatives)
  --use-imported a,b   for tools whose schema differs from the catalogue's: take the file's version
  --author NAME        who the import is recorded as (default: $USER)`,
  async run(v, [file]) {
    if (!file) throw new UsageError("give the file to import: tooltune import FILE --project P");
    const format = v.format === "auto" ? "auto" : oneOf(v.format, ["auto", ...FORMAT_IDS], "--format");
    const requestedSplit = oneOf(v.split, SPLITS, "--split");
    const pid = await projectId(v);
    const author = await resolveAuthor(String(v.author ?? process.env.USER ?? "cli"));
    // The import works on copies in the data directory: discarding it must never touch the user's files.
    const copies: string[] = [];
    let id: string;
    try {
      const copy = await copyLocalFile(path.resolve(file));
      copies.push(copy.filePath);
      const answers = v.answers ? await copyLocalFile(path.resolve(String(v.answers))) : undefined;
      if (answers) copies.push(answers.filePath);
      id = await registerImport(pid, { fileName: path.basename(file), ...copy, format: format as FormatId | "auto", answersPath: answers?.filePath }, author);
    } catch (e) {
      copies.forEach(removeOwned);
      throw e;
    }
    const analysed = progress("analysed");
    await analyseImport(id, (n) => analysed.step(n));
    const report = await getImport(pid, id);
    analysed.done(report.total);
    console.log(`${report.fileName}: ${report.total} records (${report.format}), ${report.validCount} valid, ${report.errorCount} rejected, ${report.duplicateCount} duplicates`);
    if (report.needsReasonCount > 0) console.log(`  ${report.needsReasonCount} plain replies have no no_tool reason: they land as drafts needing a reason (filter: needsReason=true)`);
    for (const e of report.errorSample.slice(0, 20)) console.log(`  line ${e.line}: [${e.kind}] ${e.reason}`);
    if (report.errorCount > 20) console.log(`  ... ${report.errorCount - 20} more`);
    for (const t of report.toolPlan) console.log(`  tool ${t.name}: ${t.action}`);
    if (report.errorCount > 0 && !v["keep-valid"]) {
      console.error("nothing imported: some records are rejected (use --keep-valid to import the valid ones)");
      return 1;
    }
    const useImported = String(v["use-imported"] ?? "").split(",").filter(Boolean);
    const split: Split = requestedSplit === "unassigned" && report.format === "bfcl" ? "gold" : requestedSplit;
    await claimCommit(pid, id, {
      keepValid: Boolean(v["keep-valid"]),
      skipDuplicates: !v["keep-duplicates"],
      split,
      toolDecisions: Object.fromEntries(useImported.map((name) => [name, "use_imported" as const])),
    });
    const imported = progress("imported");
    await indexImported(id, await commitImport(id, (n) => imported.step(n)));
    const done = await getImport(pid, id);
    imported.done(done.importedCount);
    console.log(`imported ${done.importedCount} examples, skipped ${done.skippedCount}`);
    return 0;
  },
};

const EXPORT_FORMATS = exportQuerySchema.shape.format.unwrap().options;
const EXPORT_SPLITS = exportQuerySchema.shape.split.unwrap().options;

const exportCmd: Command = {
  options: { ...help, project: { type: "string" }, format: { type: "string", default: "openai" }, split: { type: "string", default: "train" }, out: { type: "string", short: "o" } },
  help: `tooltune export --project ID|NAME [--format ${EXPORT_FORMATS.join("|")}] [--split ${EXPORT_SPLITS.join("|")}] [--out FILE]
  Writes the labelled, valid examples of a split as JSONL (to stdout unless --out). The gold split is held out and never exported for training.
  Exits 1, writing nothing, when there is nothing to export, and says why (for example: no split made yet).`,
  async run(v) {
    const q = { format: oneOf(v.format, EXPORT_FORMATS, "--format"), split: oneOf(v.split, EXPORT_SPLITS, "--split") };
    const pid = await projectId(v);
    const why = await whyNothingToExport(pid, String(v.project), q);
    if (why) {
      console.error(`tooltune export: ${why}`);
      return 1;
    }
    const out = v.out ? createWriteStream(String(v.out)) : process.stdout;
    let n = 0;
    for await (const chunk of exportLines(pid, q)) {
      n += chunk.split("\n").length - 1;
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (v.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, "finish");
    }
    console.error(`exported ${n} examples`);
    return 0;
  },
};

const splitCmd: Command = {
  writes: (v) => Boolean(v.apply),
  options: { ...help, project: { type: "string" }, validation: { type: "string", default: "0.1" }, gold: { type: "string", default: "0.1" }, seed: { type: "string", default: "42" }, apply: { type: "boolean", default: false } },
  help: `tooltune split --project ID|NAME [--validation 0.1] [--gold 0.1] [--seed 42] [--apply]
  Stratified split (by tool, no_tool as a class) of the labelled examples not yet in a split. Without --apply it only previews.
  --validation, --gold  shares from 0 to 0.9, adding up to less than 1
  --seed N              a whole number; the same seed gives the same split`,
  async run(v) {
    const validation = numberIn(v.validation, "--validation", { min: 0, max: 0.9 });
    const gold = numberIn(v.gold, "--gold", { min: 0, max: 0.9 });
    const seed = numberIn(v.seed, "--seed", { min: 0, integer: true });
    if (validation + gold >= 1) throw new UsageError(`--validation and --gold must add up to less than 1 so something is left to train on; got ${validation} + ${gold}`);
    const r = await splitProject(await projectId(v), { validation, gold, seed, dryRun: !v.apply });
    console.log(`${r.dryRun ? "would assign" : "assigned"} ${r.assigned} examples`);
    for (const [s, x] of Object.entries(r.splits)) console.log(`  ${s.padEnd(11)} ${String(x.examples).padStart(7)} examples   no_tool ${x.ratio.ratio === null ? "—" : (x.ratio.ratio * 100).toFixed(1) + "%"}`);
    return 0;
  },
};

const validateCmd: Command = {
  options: {
    ...help,
    project: { type: "string" },
    split: { type: "string", default: "train" },
    format: { type: "string", default: "auto" },
    encoding: { type: "string", default: "cl100k_base" },
    "token-limit": { type: "string", default: "16385" },
    json: { type: "boolean", default: false },
  },
  help: `tooltune validate FILE | --project ID|NAME [--split train|validation|all] [options]
  Prints the dataset health report (the OpenAI cookbook's checks, extended for tools) and exits 1 when a record has errors.
  A FILE's lines also get tooltune import's verdict (as into a new project): a call whose arguments break
  its tool's schema is a schema_violation naming the argument's path, so a file that validates clean imports clean.
  --format auto|${FORMAT_IDS.join("|")}   how to read FILE (default auto)
  --encoding cl100k_base|o200k_base          tokenizer for token counts (default cl100k_base, as the cookbook)
  --token-limit N                            examples over N tokens are counted (default 16385)
  --json                                     print the report as JSON`,
  async run(v, [file]) {
    const opts = {
      encoding: oneOf(v.encoding, ["cl100k_base", "o200k_base"] as const, "--encoding"),
      tokenLimit: numberIn(v["token-limit"], "--token-limit", { min: 1, integer: true }),
      json: Boolean(v.json),
    };
    if (file) return validateFile(file, { ...opts, format: v.format === "auto" ? "auto" : oneOf(v.format, ["auto", ...FORMAT_IDS], "--format") });
    return validateProject(await projectId(v), { ...opts, split: oneOf(v.split, ["train", "validation", "all"] as const, "--split") });
  },
};

const scoreCmd: Command = {
  options: {
    ...help,
    predictions: { type: "string" },
    gold: { type: "string" },
    "bfcl-questions": { type: "string" },
    "bfcl-answers": { type: "string" },
    project: { type: "string" },
    split: { type: "string", default: "gold" },
    style: { type: "string" },
    match: { type: "string", default: "strict" },
    "per-example": { type: "string" },
    json: { type: "boolean", default: false },
  },
  help: `tooltune score --predictions FILE (--gold FILE | --bfcl-questions FILE [--bfcl-answers FILE] | --project ID|NAME) [options]
  Scores a model's outputs against a gold set: valid outputs, tool-name and argument accuracy, false and
  missed calls, silent corruption, per-tool precision/recall. Exit 2 on bad usage or input.
  --predictions FILE        JSONL {"id": ..., "output": assistant message {content, tool_calls} or a string}
                            (optional "latency_ms" and "usage": {prompt_tokens, completion_tokens})
  --gold FILE               OpenAI chat lines whose last message is the target; optional "id" (default: the
                            line number) and "gold": [{name, arguments: {arg: [acceptable values]}}]; lines
                            without "tools" are checked against the tools and arguments the gold calls use
  --bfcl-questions FILE     BFCL questions, with --bfcl-answers FILE (its possible_answer; not needed for irrelevance)
  --project ID|NAME         a project's labelled examples of --split (default gold); ids are example ids or numbers
  --style router_json|native_tools   how outputs are read (default: the project's; native_tools when the gold
                            has tools or tool_calls, or a prediction has tool_calls; else router_json)
  --match strict|bfcl       strict (default): schema-valid, nested values, any call order; bfcl: BFCL's AST checker
  --per-example FILE        one JSON line per example: id, valid, tool_correct, args_correct, false_tool_call,
                            missed_call, verdict, reason
  --json                    print the summary as JSON`,
  async run(v) {
    oneOf(v.split, SPLITS, "--split");
    return runScore({
      predictions: v.predictions as string | undefined,
      gold: v.gold as string | undefined,
      bfclQuestions: v["bfcl-questions"] as string | undefined,
      bfclAnswers: v["bfcl-answers"] as string | undefined,
      projectId: v.project ? await projectId(v) : undefined,
      split: v.split as string,
      style: v.style as string | undefined,
      match: v.match as string,
      perExample: v["per-example"] as string | undefined,
      json: Boolean(v.json),
    });
  },
};

const evalCmd: Command = {
  writes: () => true,
  options: {
    ...help,
    project: { type: "string" },
    model: { type: "string" },
    backend: { type: "string" },
    endpoint: { type: "string" },
    run: { type: "string" },
    split: { type: "string" },
    only: { type: "string" },
    match: { type: "string" },
    concurrency: { type: "string" },
    "max-tokens": { type: "string" },
    author: { type: "string" },
    here: { type: "boolean", default: false },
    wait: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  help: EVAL_HELP,
  run: async (v) => {
    if (v.split !== undefined) oneOf(v.split, SPLITS, "--split");
    if (v.match !== undefined) oneOf(v.match, ["strict", "bfcl"] as const, "--match");
    if (v.backend !== undefined) oneOf(v.backend, EVAL_BACKENDS, "--backend");
    if (v.concurrency !== undefined) numberIn(v.concurrency, "--concurrency", { min: 1, max: EVAL_LIMITS.concurrency, integer: true });
    if (v["max-tokens"] !== undefined) numberIn(v["max-tokens"], "--max-tokens", { min: 16, max: EVAL_LIMITS.maxTokens, integer: true });
    required(v.model, "--model", "the model to evaluate");
    const pid = await projectId(v);
    const author = await resolveAuthor(String(v.author ?? process.env.USER ?? "cli"));
    return runEvalCommand(v, pid, author);
  },
};

export const COMMANDS: Record<string, Command> = { projects: projectsCmd, import: importCmd, export: exportCmd, split: splitCmd, validate: validateCmd, score: scoreCmd, eval: evalCmd };

export const HELP = `tooltune: ToolTune from the command line (uses DATABASE_URL like the app; default file:./data/tooltune.db)

${PROJECTS_SUMMARY}
  tooltune import FILE --project P      import a dataset file (openai, trl, sharegpt, router, bfcl)
  tooltune export --project P           export a split as OpenAI / TRL / router JSONL
  tooltune validate FILE | --project P  health report; exit 1 on errors; --json for machines
  tooltune split --project P            stratified train/validation/gold split (preview, --apply)
  tooltune score --predictions F ...    score a model's outputs against a gold file, BFCL files or a project's gold split
  tooltune eval --project P --model M   run an eval against OpenAI, the GPU agent or a saved endpoint (--wait, --here)

A pipeline from nothing: projects create, import, split --apply, export, validate, eval.
Exit codes: 0 done, 1 failed or nothing to do (the reason is printed), 2 a wrong command, flag or flag value.
Run "tooltune COMMAND --help" for a command's flags.`;

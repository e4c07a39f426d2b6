// tooltune: the command line for pipelines. Same library code and database as the app.
import "dotenv/config";
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/server/db";
import { ZodError } from "zod";
import { AppError } from "../lib/server/errors";
import { recordAudit } from "../lib/server/audit/record";
import { COMMANDS, HELP } from "./commands";
import { UsageError } from "./flags";

/** A wrong flag or value as one line (exit 2); anything else is a failure (exit 1). */
function explain(name: string, e: unknown): { line: string; code: number } {
  if (e instanceof UsageError) return { line: `tooltune ${name}: ${e.message}`, code: 2 };
  if (e instanceof ZodError) {
    const i = e.issues[0];
    return { line: `tooltune ${name}: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`, code: 2 };
  }
  if (e instanceof AppError && e.code === "validation_failed") {
    const flag = e.extra.field ? `--${e.extra.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ` : "";
    return { line: `tooltune ${name}: ${flag}${e.message}`, code: 2 };
  }
  return { line: `tooltune ${name}: ${(e as Error).message}`, code: 1 };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`tooltune: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    // One line: a pipeline's log shows what was wrong; --help has the rest.
    console.error(`tooltune ${name}: ${(e as Error).message.replace(/\s*\n\s*/g, " ")} (tooltune ${name} --help lists the flags)`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  let code: number;
  try {
    code = await command.run(values, parsed.positionals);
  } catch (e) {
    const explained = explain(name, e);
    console.error(explained.line);
    code = explained.code;
  }
  if (command.writes?.(values, parsed.positionals)) await auditCli(name, parsed.positionals, rest, code);
  return code;
}

/**
 * A changing command goes on the audit log like the app's writes: "cli.import", "cli.projects.create".
 * The CLI runs with the database's own access (no sign-in), so the actor is "cli" with the OS user.
 */
async function auditCli(name: string, positionals: string[], args: string[], code: number) {
  const sub = name === "projects" && positionals[0] ? `.${positionals[0]}` : "";
  await recordAudit({
    action: `cli.${name}${sub}`,
    actor: { userId: null, label: `cli (${process.env.USER ?? process.env.USERNAME ?? "unknown user"})` },
    outcome: code === 0 ? "ok" : "failed",
    ip: null,
    detail: { args, exit: code },
  });
}

main(process.argv.slice(2))
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(`tooltune: ${(e as Error).message}`);
    await disconnectDb();
    process.exit(1);
  });

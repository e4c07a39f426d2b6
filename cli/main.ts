// tooltune: the command line for pipelines. Same library code and database as the app.
import "dotenv/config";
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/server/db";
import { COMMANDS, HELP } from "./commands";

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
    console.error(`tooltune ${name}: ${(e as Error).message}\n\n${command.help}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
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

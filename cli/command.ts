// What every tooltune command is, and how a command finds the project a flag names.
import type { ParseArgsConfig } from "node:util";
import { db } from "../lib/server/db";
import { required } from "./flags";

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  options: NonNullable<ParseArgsConfig["options"]>;
  help: string;
  run: (v: Values, positionals: string[]) => Promise<number>;
  /** True when this invocation changes data: it then goes on the audit log (cli/main.ts), as the app's writes do. */
  writes?: (v: Values, positionals: string[]) => boolean;
}

export const helpFlag = { help: { type: "boolean", short: "h" } } as const;

/** The project named by --project: its id, or its exact name. */
export async function projectId(v: Values): Promise<string> {
  const ref = required(v.project, "--project", "a project id or its exact name; tooltune projects list shows them");
  const p = await db().project.findFirst({ where: { OR: [{ id: ref }, { name: ref }], deletedAt: null }, select: { id: true } });
  if (!p) throw new Error(`no project with id or name "${ref}" in ${process.env.DATABASE_URL ?? "the default database"} (tooltune projects list shows them)`);
  return p.id;
}

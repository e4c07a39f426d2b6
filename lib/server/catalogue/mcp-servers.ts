// The stdio MCP servers ToolTune may start, as the operator set them: TOOLTUNE_MCP_SERVERS holds a
// JSON object `{ "name": { "command": "...", "args": [...], "env": {...}, "cwd": "..." } }`, or the
// path of a file holding one. A request only ever names one of these; a command never comes from a
// request. Read at each use, so a changed file needs no restart.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { AppError } from "../errors";

export const MCP_SERVERS_ENV = "TOOLTUNE_MCP_SERVERS";

const serverSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
});
export type McpServerConfig = z.infer<typeof serverSchema>;
const serversSchema = z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/), serverSchema);

/** The allow-list; empty when the setting is absent. A broken setting is the operator's error, said in full. */
export function mcpServers(raw = process.env[MCP_SERVERS_ENV]?.trim() ?? ""): Record<string, McpServerConfig> {
  if (!raw) return {};
  let text = raw;
  if (!raw.startsWith("{")) {
    try {
      text = readFileSync(raw, "utf8");
    } catch (e) {
      throw new AppError(
        "job_failed",
        `${MCP_SERVERS_ENV} names the file ${raw}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"}); ask the operator to fix the setting`,
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError("job_failed", `${MCP_SERVERS_ENV} is not valid JSON (${(e as Error).message}); ask the operator to fix the setting`);
  }
  const parsed = serversSchema.safeParse(value);
  if (!parsed.success) {
    const [i] = parsed.error.issues;
    throw new AppError(
      "job_failed",
      `${MCP_SERVERS_ENV}: ${i.path.join(".") || "(top)"}: ${i.message}; expected { "name": { "command": "...", "args": [...], "env": {...} } }`,
    );
  }
  return parsed.data;
}

/** The names users choose from (never the commands, arguments or environment, which may hold secrets). */
export function mcpServerNames(): string[] {
  return Object.keys(mcpServers()).sort();
}

export function mcpServer(name: string): McpServerConfig {
  const servers = mcpServers();
  if (!Object.hasOwn(servers, name)) {
    throw new AppError(
      "validation_failed",
      `"${name}" is not one of the MCP servers this ToolTune may start; the operator lists them in ${MCP_SERVERS_ENV}`,
      {
        field: "source.server",
      },
    );
  }
  return servers[name];
}

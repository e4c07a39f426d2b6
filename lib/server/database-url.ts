// DATABASE_URL handling shared by the app, the worker, the CLI scripts and prisma.config.ts.
// Kept free of Prisma imports so that the config and scripts can load it cheaply.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/tooltune.db";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}

/** Makes a relative SQLite path absolute (against the working directory) so every process opens the same file. */
export function resolveDatabaseUrl(raw: string | undefined): string {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (databaseKind(url) === "postgres") return url;
  const file = url.slice("file:".length);
  return "file:" + (path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file));
}

export function sqliteFilePath(url: string): string {
  return url.slice("file:".length);
}

/** Discrete connection fields: node-postgres lets a connection string override `database`. */
export function pgConnectionFields(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || "postgres",
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || "postgres",
  };
}

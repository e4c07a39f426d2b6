import { db } from "./db";

/**
 * The display-name author of the CLI and the demo seed (trusted local access, no account): finds or
 * creates the user with this name and no email; returns its id. Members who sign in are never
 * matched by name: their writes carry their own id (lib/server/auth/principal.ts).
 */
export async function resolveAuthor(name: string): Promise<string> {
  const found = await db().user.findFirst({ where: { name, email: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (found) return found.id;
  return (await db().user.create({ data: { name }, select: { id: true } })).id;
}

/** How an author is shown: a member by name; a display-name author (no account) marked so. */
export function authorLabel(u: { name: string; email: string | null } | null | undefined): string | null {
  if (!u) return null;
  return u.email ? u.name : `${u.name} (before sign-in)`;
}

/** The label of each of these users (authorLabel), by id: for rows that keep only a `createdById`. */
export async function authorLabels(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, authorLabel(u)!]));
}

export const authorSelect = { select: { name: true, email: true } } as const;

import { db } from "./db";

/** Finds or creates the user with this display name; returns its id. */
export async function resolveAuthor(name: string): Promise<string> {
  const user = await db().user.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
  return user.id;
}

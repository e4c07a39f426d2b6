import { db, dbKind } from "@/lib/server/db";
import { json, route } from "@/lib/server/http";

export const GET = route("public", async () => {
  await db().$queryRawUnsafe("SELECT 1");
  return json({ ok: true, database: dbKind() });
});

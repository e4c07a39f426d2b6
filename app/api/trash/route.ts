import { json, route } from "@/lib/server/http";
import { emptyTrash, listTrash } from "@/lib/server/projects/trash";

/** Projects in the trash, newest first, with the date each is removed for good. */
export const GET = route("read", async () => json(await listTrash()));

/** Empties the trash now: every project in it, with its files, is removed for good. */
export const DELETE = route("projects.delete", async () => {
  return json({ purged: await emptyTrash() });
});

import { shareCreateSchema, shareListQuerySchema } from "@/lib/schemas/share";
import { json, parseBody, parseWith, route, searchParams } from "@/lib/server/http";
import { createShareLink, listShareLinks } from "@/lib/server/share/links";

/** GET ?kind=eval&targets=ID[,ID]: the links of one thing. POST: a new link, its URL shown only in this answer. */
export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const q = parseWith(shareListQuerySchema, searchParams(req));
  return json(await listShareLinks(projectId, q.kind, q.targets.split(",").filter(Boolean)));
});

export const POST = route<{ projectId: string }>("shares.create", async (req, { projectId }, who) =>
  json(await createShareLink(who, projectId, await parseBody(req, shareCreateSchema)), 201),
);

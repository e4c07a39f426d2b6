import { importUploadQuerySchema } from "@/lib/schemas/imports";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { createImport, listImports } from "@/lib/server/imports/imports";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await listImports(projectId)));

/** The body is the file itself (streamed to disk); ?fileName=...&format=auto|openai|trl|sharegpt|router|bfcl */
export const POST = route<P>("imports.write", async (req, { projectId }, who) => {
  const q = parseWith(importUploadQuerySchema, searchParams(req));
  const declared = req.headers.get("content-length");
  const declaredBytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
  return json(await createImport(projectId, { fileName: q.fileName, format: q.format, body: req.body, declaredBytes }, who.userId), 201);
});

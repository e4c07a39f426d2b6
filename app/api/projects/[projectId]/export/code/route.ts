import { z } from "zod";
import { parseWith, route, searchParams } from "@/lib/server/http";
import { CATALOGUE_FILES, catalogueCode } from "@/lib/server/datasets/catalogue-code";

const query = z.object({ file: z.enum(CATALOGUE_FILES) });
const TYPES = { "catalogue.schema.json": "application/json", "tooltune_catalogue.ts": "text/plain", "tooltune_catalogue.py": "text/x-python" } as const;

export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const { file } = parseWith(query, searchParams(req));
  const code = (await catalogueCode(projectId))[file];
  return new Response(code, { headers: { "content-type": `${TYPES[file]}; charset=utf-8`, "content-disposition": `attachment; filename="${file}"` } });
});

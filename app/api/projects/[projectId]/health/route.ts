import { z } from "zod";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { projectHealthWithCosts } from "@/lib/server/datasets/health";

const query = z.object({
  split: z.enum(["train", "validation", "all"]).default("train"),
  encoding: z.enum(["cl100k_base", "o200k_base"]).default("o200k_base"),
  tokenLimit: z.coerce.number().int().min(1).max(2_000_000).default(16_385),
});

/** The health report of a split as it would be exported, with a cost estimate per priced model. */
export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const q = parseWith(query, searchParams(req));
  return json(await projectHealthWithCosts(projectId, q.split, { encoding: q.encoding, tokenLimit: q.tokenLimit }));
});

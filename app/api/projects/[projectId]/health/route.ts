import { z } from "zod";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { withCosts } from "@/lib/server/datasets/health";
import { requestHealth } from "@/lib/server/datasets/request-health";
import { EXPORT_SPLITS } from "@/lib/server/datasets/export";

const query = z.object({
  split: z.enum(EXPORT_SPLITS).default("train"),
  encoding: z.enum(["cl100k_base", "o200k_base"]).default("o200k_base"),
  tokenLimit: z.coerce.number().int().min(1).max(2_000_000).default(16_385),
});

/**
 * The health report of a split as it would be exported, with a cost estimate per priced model; or,
 * while the worker computes it for a large split, 202 with how far it is ({status: "computing", done, total}).
 */
export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const q = parseWith(query, searchParams(req));
  const answer = await requestHealth(projectId, q.split, { encoding: q.encoding, tokenLimit: q.tokenLimit });
  if (answer.status === "computing") return json(answer, 202);
  return json(await withCosts(projectId, answer.report));
});

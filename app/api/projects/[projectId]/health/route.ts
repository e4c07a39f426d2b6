import { z } from "zod";
import { estimateCost } from "@/lib/datasets/cost";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { projectHealth } from "@/lib/server/datasets/health";
import { getPricing } from "@/lib/server/datasets/pricing";

const query = z.object({
  split: z.enum(["train", "validation", "all"]).default("train"),
  encoding: z.enum(["cl100k_base", "o200k_base"]).default("o200k_base"),
  tokenLimit: z.coerce.number().int().min(1).max(2_000_000).default(16_385),
  model: z.string().max(200).optional(),
});

/** The health report of a split as it would be exported, with a cost estimate per priced model. */
export const GET = route<{ projectId: string }>(async (req, { projectId }) => {
  const q = parseWith(query, searchParams(req));
  const report = await projectHealth(projectId, q.split, { encoding: q.encoding, tokenLimit: q.tokenLimit });
  const { prices } = await getPricing(projectId);
  const costs = Object.keys(prices).map((model) => ({ model, ...estimateCost({ chargedTokens: report.chargedTokens, model, prices }) }));
  return json({ report, costs });
});

// Splitting a project's labelled, unassigned examples. Examples already in a split keep it: a split
// is fixed once made, so evaluations stay comparable.
import { z } from "zod";
import { SPLITS, type Split } from "../../schemas/common";
import { ratioOf } from "../../gauge";
import type { RatioDto } from "../../schemas/stats";
import { stratifiedSplit, targetClass } from "../../datasets/split";
import { BATCH, equalitySql, selectRows, writeEach, type Step } from "../bulk";
import { AppError } from "../errors";
import { TRAINABLE } from "../examples/filters";
import { requireProject } from "../projects/projects";

export const splitRequestSchema = z.object({
  validation: z.number().min(0).max(0.9).default(0.1),
  gold: z.number().min(0).max(0.9).default(0.1),
  seed: z.number().int().default(42),
  dryRun: z.boolean().default(true),
});
export type SplitRequest = z.input<typeof splitRequestSchema>;

export interface SplitPreviewDto {
  /** Examples that would get (or got) a split now. */
  assigned: number;
  /** Per split after the split: examples, the no_tool ratio of their routing decisions, and their follow-ups apart. */
  splits: Record<Split, { examples: number; ratio: RatioDto }>;
  dryRun: boolean;
}

type Candidate = { id: string; number: number; split: string; targetTools: string; routingCount: number; routingNoToolCount: number; followUpCount: number; followUpCallCount: number };

/** Rows per transaction of the split's write: well under a second of write lock each. */
const SPLIT_BATCH = 5 * BATCH;

/**
 * Writes the split column alone, in order of number (neighbouring index entries: far fewer page
 * writes than a random order), in short transactions through lib/server/bulk (writeEach), so other
 * writers get the database between them. `split = 'unassigned'` in the filter means a concurrent
 * split never moves an example twice; a split that dies half-way leaves the rest unassigned, and
 * applying it again assigns them.
 */
async function applyAssignment(projectId: string, rows: readonly Candidate[], assignment: ReadonlyMap<string, Split>): Promise<void> {
  const updatedAt = new Date();
  const moved = rows
    .filter((r) => assignment.has(r.id))
    .sort((a, b) => a.number - b.number)
    .map((r) => ({ number: r.number, split: assignment.get(r.id)!, updatedAt }));
  const transactions: Step[][] = [];
  for (let i = 0; i < moved.length; i += SPLIT_BATCH) {
    transactions.push([{ update: "Example", key: "number", rows: moved.slice(i, i + SPLIT_BATCH), where: `t."projectId" = ? AND t."split" = 'unassigned'`, params: [projectId] }]);
  }
  await writeEach(transactions);
}

/** Per split: examples, routing decisions and their no_tool ones, follow-ups and the chained calls among them. */
interface Tally {
  n: number;
  routing: number;
  noTool: number;
  followUps: number;
  calls: number;
}

export async function splitProject(projectId: string, input: SplitRequest): Promise<SplitPreviewDto> {
  const req = splitRequestSchema.parse(input);
  if (req.validation + req.gold >= 1) {
    throw new AppError("validation_failed", `validation (${req.validation}) + gold (${req.gold}) is ${+(req.validation + req.gold).toFixed(4)}; together they must stay under 1 so something is left to train on`, { field: "gold" });
  }
  await requireProject(projectId);
  // Read through lib/server/bulk: at 100,000 rows Prisma's row mapping costs more than the query.
  const ready = equalitySql(TRAINABLE);
  const rows = await selectRows<Candidate>(
    `SELECT "id", "number", "split", "targetTools", "routingCount", "routingNoToolCount", "followUpCount", "followUpCallCount"
     FROM "Example" WHERE "projectId" = ? AND ${ready.sql} AND "targetKind" <> 'unlabelled'`,
    [projectId, ...ready.params],
  );
  const candidates = rows.filter((r) => r.split === "unassigned").map((r) => ({ id: r.id, klass: targetClass(r) }));
  const assignment = stratifiedSplit(candidates, { validation: req.validation, gold: req.gold }, req.seed);
  const tally = new Map<Split, Tally>(SPLITS.map((s) => [s, { n: 0, routing: 0, noTool: 0, followUps: 0, calls: 0 }]));
  for (const r of rows) {
    const s = assignment.get(r.id) ?? (r.split as Split);
    const t = tally.get(s)!;
    t.n += 1;
    t.routing += r.routingCount;
    t.noTool += r.routingNoToolCount;
    t.followUps += r.followUpCount;
    t.calls += r.followUpCallCount;
  }
  if (!req.dryRun && assignment.size > 0) await applyAssignment(projectId, rows, assignment);
  const splits = Object.fromEntries(
    SPLITS.map((s) => {
      const t = tally.get(s)!;
      return [s, { examples: t.n, ratio: ratioOf(t.noTool, t.routing, { decisions: t.followUps, answers: t.followUps - t.calls, calls: t.calls }) }];
    }),
  ) as SplitPreviewDto["splits"];
  return { assigned: assignment.size, splits, dryRun: req.dryRun };
}

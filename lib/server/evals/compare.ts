// Two evals on the same gold set, example by example: what a new model fixed, broke, or still gets wrong.
import type { EvalCompareDto, EvalFlipDto, FlipKind } from "../../schemas/evals";
import type { ExampleScore, ModelMessage, Verdict } from "../../scoring/types";
import { db } from "../db";
import { AppError } from "../errors";
import { parseJsonText } from "../json-text";
import { getEval } from "./evals";

const FLIP_LIMIT = 1_000;

type Side = { verdict: Verdict | null; correct: boolean; reason: string; output: ModelMessage | null; gold: string; request: string; number: number };

async function sides(evalId: string): Promise<Map<string, Side>> {
  const rows = await db().evalResult.findMany({
    where: { evalId, status: "done" },
    orderBy: { position: "asc" },
    select: { exampleId: true, exampleNumber: true, request: true, gold: true, verdict: true, correct: true, score: true, output: true },
  });
  return new Map(
    rows.map((r) => [
      r.exampleId,
      {
        verdict: r.verdict as Verdict | null,
        correct: r.correct === true,
        reason: r.score ? parseJsonText<ExampleScore>(r.score).reason : "",
        output: r.output ? parseJsonText<ModelMessage>(r.output) : null,
        gold: r.gold,
        request: r.request,
        number: r.exampleNumber,
      },
    ]),
  );
}

export function flipKind(a: Pick<Side, "correct" | "verdict">, b: Pick<Side, "correct" | "verdict">): FlipKind | "still_right" {
  if (a.correct && b.correct) return "still_right";
  if (!a.correct && b.correct) return "fixed";
  if (a.correct && !b.correct) return "broken";
  return a.verdict === b.verdict ? "still_wrong" : "changed";
}

export async function compareEvals(projectId: string, aId: string, bId: string): Promise<EvalCompareDto> {
  if (!aId || !bId) throw new AppError("bad_request", "name two evals: ?a=EVAL_ID&b=EVAL_ID", { field: aId ? "b" : "a" });
  const [a, b] = await Promise.all([getEval(projectId, aId), getEval(projectId, bId)]);
  const [sa, sb] = await Promise.all([sides(aId), sides(bId)]);
  const counts = { fixed: 0, broken: 0, still_wrong: 0, changed: 0, still_right: 0 };
  const flips: EvalFlipDto[] = [];
  let shared = 0;
  let sameGold = true;
  for (const [exampleId, x] of sa) {
    const y = sb.get(exampleId);
    if (!y) continue;
    shared++;
    if (x.gold !== y.gold) sameGold = false;
    const kind = flipKind(x, y);
    counts[kind]++;
    if (kind !== "still_right" && flips.length < FLIP_LIMIT)
      flips.push({
        exampleId,
        exampleNumber: x.number,
        request: x.request,
        kind,
        a: { verdict: x.verdict, reason: x.reason, output: x.output },
        b: { verdict: y.verdict, reason: y.reason, output: y.output },
      });
  }
  const order: Record<FlipKind, number> = { broken: 0, fixed: 1, changed: 2, still_wrong: 3 };
  flips.sort((p, q) => order[p.kind] - order[q.kind] || p.exampleNumber - q.exampleNumber);
  return { a, b, shared, onlyA: sa.size - shared, onlyB: [...sb.keys()].filter((k) => !sa.has(k)).length, sameGold, counts, flips };
}

// The failing results of an eval, read in position order for "add to training data" and for
// preference pairs: a verdict's worth (or chosen results), answered rows only (an error row has no
// answer to learn from), in pages so an eval of 20,000 results is never read at once.
import type { Message } from "../../schemas/example";
import { FAILURE_VERDICTS, type FailureVerdict } from "../../schemas/eval-failures";
import type { GoldTarget, RawOutput, Verdict } from "../../scoring/types";
import { db } from "../db";
import { notFound } from "../errors";
import { parseJsonText } from "../json-text";

export interface FailureRow {
  id: string;
  exampleId: string;
  exampleNumber: number;
  position: number;
  system: string | null;
  messages: Message[];
  gold: GoldTarget;
  verdict: FailureVerdict;
  output: RawOutput | null;
}

export interface FailureSelection {
  /** Only this verdict (default: every failing one). */
  verdict?: FailureVerdict;
  /** Only these results (one failing example). */
  resultIds?: string[];
}

const PAGE = 500;

/** The eval, checked to belong to the project. */
export async function requireEvalOf(projectId: string, evalId: string) {
  const row = await db().eval.findFirst({
    where: { id: evalId, projectId },
    select: { id: true, name: true, config: true, runId: true, projectId: true },
  });
  if (!row) throw notFound("eval", evalId);
  return row;
}

/** Failing, answered results of the eval matching `sel`, a page of at most 500 at a time. */
export async function* failureRows(evalId: string, sel: FailureSelection): AsyncGenerator<FailureRow[]> {
  const verdicts: Verdict[] = sel.verdict ? [sel.verdict] : [...FAILURE_VERDICTS];
  const ids = sel.resultIds;
  for (let i = 0; ids ? i < ids.length : true; i += PAGE) {
    const rows = await db().evalResult.findMany({
      where: { evalId, status: "done", verdict: { in: verdicts }, ...(ids ? { id: { in: ids.slice(i, i + PAGE) } } : {}) },
      orderBy: { position: "asc" },
      ...(ids ? {} : { skip: i, take: PAGE }),
      select: {
        id: true,
        exampleId: true,
        exampleNumber: true,
        position: true,
        system: true,
        messages: true,
        gold: true,
        verdict: true,
        output: true,
      },
    });
    if (rows.length > 0)
      yield rows.map((r) => ({
        ...r,
        messages: parseJsonText<Message[]>(r.messages),
        gold: parseJsonText<GoldTarget>(r.gold),
        verdict: r.verdict as FailureVerdict,
        output: r.output === null ? null : parseJsonText<RawOutput | null>(r.output),
      }));
    if (!ids && rows.length < PAGE) return;
  }
}

/** How many failing, answered results each verdict has. */
export async function failureCounts(evalId: string): Promise<Record<FailureVerdict, number>> {
  const groups = await db().evalResult.groupBy({
    by: ["verdict"],
    where: { evalId, status: "done", verdict: { in: [...FAILURE_VERDICTS] } },
    _count: { _all: true },
  });
  const out = Object.fromEntries(FAILURE_VERDICTS.map((v) => [v, 0])) as Record<FailureVerdict, number>;
  for (const g of groups) out[g.verdict as FailureVerdict] = g._count._all;
  return out;
}

// The best eval of each run, for the runs list. Pure: the rows come in, the choice goes out.
import type { RunBestEvalDto } from "../../schemas/runs";
export { BEST_EVAL_RULE } from "../../schemas/runs";
import type { EvalSummary } from "../../scoring/types";

export interface EvalCandidate {
  id: string;
  runId: string;
  name: string;
  model: string;
  createdAt: Date;
  summary: Pick<EvalSummary, "exactMatch" | "falseToolCallRate"> | null;
}

const rateValue = (r: { n: number; d: number }) => (r.d > 0 ? r.n / r.d : null);

/** Negative when `a` ranks above `b` (BEST_EVAL_RULE). Evals without scored examples rank last. */
function compare(a: EvalCandidate, b: EvalCandidate): number {
  const ea = a.summary ? rateValue(a.summary.exactMatch) : null;
  const eb = b.summary ? rateValue(b.summary.exactMatch) : null;
  if (ea === null || eb === null) return ea === eb ? b.createdAt.getTime() - a.createdAt.getTime() : ea === null ? 1 : -1;
  if (ea !== eb) return eb - ea;
  const fa = rateValue(a.summary!.falseToolCallRate) ?? 0;
  const fb = rateValue(b.summary!.falseToolCallRate) ?? 0;
  if (fa !== fb) return fa - fb;
  if (a.summary!.exactMatch.d !== b.summary!.exactMatch.d) return b.summary!.exactMatch.d - a.summary!.exactMatch.d;
  return b.createdAt.getTime() - a.createdAt.getTime();
}

/** Each run's best finished eval (runs without one are absent from the map). */
export function bestEvalByRun(evals: readonly EvalCandidate[]): Map<string, RunBestEvalDto> {
  const groups = new Map<string, EvalCandidate[]>();
  for (const ev of evals) groups.set(ev.runId, [...(groups.get(ev.runId) ?? []), ev]);
  const best = new Map<string, RunBestEvalDto>();
  for (const [runId, list] of groups) {
    const top = [...list].sort(compare)[0];
    const em = top.summary?.exactMatch;
    if (!em || em.d === 0) continue;
    best.set(runId, {
      id: top.id,
      name: top.name,
      model: top.model,
      exactMatch: { n: em.n, d: em.d, value: em.n / em.d },
      falseToolCallRate: top.summary ? rateValue(top.summary.falseToolCallRate) : null,
      evals: list.length,
    });
  }
  return best;
}

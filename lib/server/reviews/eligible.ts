import type { Split } from "../../schemas/common";
import { LABELLED_STATES } from "../examples/filters";

/**
 * Examples `reviewerId` may second-review: labelled, valid, with a labelled routing decision, that
 * they neither created nor last saved (they have seen that label) and have never reviewed before
 * (once a label is revealed the reviewer is no longer blind on that example, whatever its version).
 */
export function eligibleWhere(projectId: string, reviewerId: string, f: { split?: Split; tool?: string; skip?: string[] } = {}) {
  return {
    projectId,
    reviewState: LABELLED_STATES,
    invalid: false,
    routingCount: { gt: 0 },
    // Spelled out: NOT (col = me) drops rows where col is null, and those are someone else's.
    AND: [
      { OR: [{ createdById: null }, { createdById: { not: reviewerId } }] },
      { OR: [{ updatedById: null }, { updatedById: { not: reviewerId } }] },
    ],
    secondReviews: { none: { reviewerId } },
    ...(f.split ? { split: f.split } : {}),
    ...(f.tool ? { targetTools: { contains: `,${f.tool},` } } : {}),
    ...(f.skip && f.skip.length > 0 ? { id: { notIn: f.skip } } : {}),
  };
}

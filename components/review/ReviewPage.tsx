"use client";

import { useCan } from "@/lib/client/auth";
import { AgreementPanel } from "./AgreementPanel";
import { ReviewQueue } from "./ReviewQueue";

/** Second review: blind review of other people's labels, and how well the team agrees. */
export function ReviewPage({ projectId }: { projectId: string }) {
  const canReview = useCan("examples.write");
  return (
    <div className="page review-page">
      <div className="page-head">
        <div>
          <h1>Second review</h1>
          <p className="muted">
            Choose the routing decision for examples someone else labelled, before you see their label. The agreement below tells how
            reliable the labels are.
          </p>
        </div>
      </div>
      <div className="review-layout">
        <div>
          {canReview ? (
            <ReviewQueue projectId={projectId} />
          ) : (
            <p className="muted panel">Your role can read the agreement figures; an editor or above reviews.</p>
          )}
        </div>
        <div className="stack review-side">
          <AgreementPanel projectId={projectId} />
        </div>
      </div>
    </div>
  );
}

import { isEvalTerminal } from "@/lib/queries/evals";
import type { EvalDto } from "@/lib/schemas/evals";
import type { ParseStatus, Verdict } from "@/lib/scoring/types";
import { VERDICT_HINT, VERDICT_LABEL, VERDICT_TONE, evalStatusTone } from "./labels";

export function EvalStatusBadge({ ev, testId }: { ev: Pick<EvalDto, "status" | "cancelRequested">; testId?: string }) {
  const cancelling = ev.cancelRequested && !isEvalTerminal(ev.status);
  return (
    <span className={`status-pill tone-${evalStatusTone(ev.status)}`} data-testid={testId} data-status={ev.status}>
      {ev.status}
      {cancelling ? " · cancelling" : null}
    </span>
  );
}

/** A verdict in words (never colour alone), its meaning on hover. */
export function VerdictBadge({ verdict, pending }: { verdict: Verdict | null; pending?: "pending" | "error" }) {
  if (!verdict) {
    return pending === "error" ? (
      <span
        className="status-pill tone-danger"
        data-testid="verdict"
        data-verdict="error"
        title="The request failed after its retries: no output to score."
      >
        request failed
      </span>
    ) : (
      <span className="status-pill tone-muted" data-testid="verdict" data-verdict="pending">
        pending
      </span>
    );
  }
  return (
    <span
      className={`status-pill tone-${VERDICT_TONE[verdict]}`}
      title={VERDICT_HINT[verdict]}
      data-testid="verdict"
      data-verdict={verdict}
    >
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

const PARSE_TONE: Record<ParseStatus, string> = { clean: "ok", repaired: "warn", failed: "danger" };
const PARSE_HINT: Record<ParseStatus, string> = {
  clean: "The output was in the expected format.",
  repaired: "Not in the expected format, but a call could be recovered from it (counted separately).",
  failed: "Nothing could be decoded from the output.",
};

export function ParseBadge({ status }: { status: ParseStatus }) {
  return (
    <span className={`status-pill tone-${PARSE_TONE[status]}`} title={PARSE_HINT[status]} data-testid="parse-status">
      parse: {status}
    </span>
  );
}

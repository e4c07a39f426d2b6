import type { ExampleDto, Message } from "@/lib/schemas/example";
import { formatExact, formatWhen } from "@/lib/client/format";
import { describeDecision, requestIndex, target } from "@/lib/forms/example-draft";

interface Props {
  theirs: ExampleDto;
  mine: Message[];
  saving: boolean;
  onLoadTheirs: () => void;
  onOverwrite: () => void;
}

/** Someone saved first. Say who and when, show both labels, and let the user choose; never overwrite silently. */
export function ConflictBanner({ theirs, mine, saving, onLoadTheirs, onOverwrite }: Props) {
  const theirRequest = theirs.messages[requestIndex(theirs.messages)];
  const myRequest = mine[requestIndex(mine)];
  const requestChanged = theirRequest?.role === "user" && myRequest?.role === "user" && theirRequest.content !== myRequest.content;
  return (
    <div className="banner banner-danger conflict-banner" role="alert" data-testid="conflict-banner">
      <div className="stack-tight">
        <span>
          <strong>{theirs.updatedBy ?? "Someone"}</strong> saved this example{" "}
          <span title={formatExact(theirs.updatedAt)}>at {formatWhen(theirs.updatedAt)}</span> (version {theirs.version}) while you were
          editing. Your changes are not saved yet.
        </span>
        <span className="conflict-compare small">
          Theirs: <code>{describeDecision(target(theirs.messages)?.decision)}</code> · Yours:{" "}
          <code>{describeDecision(target(mine)?.decision)}</code>
          {requestChanged ? " · the request text differs too" : ""}
        </span>
      </div>
      <span className="row">
        <button type="button" className="btn btn-sm" onClick={onLoadTheirs} disabled={saving} data-testid="conflict-load-theirs">
          Load their version
        </button>
        <button type="button" className="btn btn-sm btn-danger" onClick={onOverwrite} disabled={saving} data-testid="conflict-overwrite">
          Overwrite with mine
        </button>
      </span>
    </div>
  );
}

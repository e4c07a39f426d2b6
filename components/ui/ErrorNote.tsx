import { ApiError, errorMessage } from "@/lib/client/api";
import { IssueList } from "./IssueList";

/** An error as the user should see it: the server's message, then each field issue with its place. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="error-note" role="alert">
      <p>
        {title ? <strong>{title}: </strong> : null}
        {errorMessage(error)}
      </p>
      {issues.length > 0 ? (
        <IssueList issues={issues} />
      ) : null}
    </div>
  );
}

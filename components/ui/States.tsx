import type { ReactNode } from "react";
import { ApiError } from "@/lib/client/api";
import { ErrorNote } from "./ErrorNote";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** A failed load, with a retry; a 404 says plainly that the thing is gone. */
export function LoadError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <div className="state state-error">
      {gone ? <p className="state-title">This {what} does not exist (it may have been deleted).</p> : <ErrorNote error={error} title={`Could not load the ${what}`} />}
      {onRetry && !gone ? (
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

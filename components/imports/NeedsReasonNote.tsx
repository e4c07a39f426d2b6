import Link from "next/link";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { count } from "./labels";

/**
 * Plain assistant replies imported into a router_json project are no_tool negatives without the
 * reason the model is trained to say: they land as drafts to finish, never rejected and never lost.
 */
export function NeedsReasonNote({ projectId, job }: { projectId: string; job: ImportJobDto }) {
  if (job.needsReasonCount === 0) return null;
  const done = job.status === "done";
  return (
    <div className="banner banner-warn" role="status" data-testid="import-needs-reason">
      <span>
        <strong>{count(job.needsReasonCount, "example")}</strong> {job.needsReasonCount === 1 ? "is a" : "are"} plain{" "}
        {job.needsReasonCount === 1 ? "reply" : "replies"} with no <code>no_tool</code> reason.{" "}
        {done ? "They were imported" : "They will be imported"} as drafts marked “needs a reason”, with the reply text kept; write
        the reason in the editor and they count in the gauge.
      </span>
      {done ? (
        <Link href={`/projects/${encodeURIComponent(projectId)}/examples?needsReason=true`} className="btn btn-sm">
          Write the reasons →
        </Link>
      ) : null}
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useCan, useMe } from "@/lib/client/auth";
import { sharesQuery, useCreateShare, useRevokeShare } from "@/lib/queries/shares";
import { SHARE_DAYS, SHARE_DEFAULT_DAYS, type ShareKind, type ShareLinkDto } from "@/lib/schemas/share";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { When } from "@/components/ui/When";
import { useNow } from "@/components/runs/use-now";
import { useReadOnly } from "./ReadOnly";

const WHAT: Record<ShareKind, string> = { eval: "this eval report", eval_compare: "this comparison", run: "this run", run_overlay: "this run overlay" };

/** "Share": a read-only link to this thing for someone without an account (editors and up; absent on a shared page). */
export function ShareButton({ projectId, kind, targets }: { projectId: string; kind: ShareKind; targets: string[] }) {
  const canShare = useCan("shares.create");
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  if (!canShare || readOnly) return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="share-open">
        Share
      </button>
      {open ? <ShareDialog projectId={projectId} kind={kind} targets={targets} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareDialog({ projectId, kind, targets, onClose }: { projectId: string; kind: ShareKind; targets: string[]; onClose: () => void }) {
  const [days, setDays] = useState<number>(SHARE_DEFAULT_DAYS);
  const [made, setMade] = useState<ShareLinkDto | null>(null);
  const links = useQuery(sharesQuery(projectId, kind, targets));
  const create = useCreateShare(projectId, kind, targets);
  const revoke = useRevokeShare(projectId, kind, targets);
  const me = useMe();
  const isAdmin = useCan("members.manage");
  const now = useNow(60_000, true);
  return (
    <Dialog title={`Share ${WHAT[kind]}`} onClose={onClose}>
      <div className="stack" data-testid="share-dialog">
        <p className="muted small">
          Anyone with the link can read {WHAT[kind]} without an account: nothing else of the project{kind === "eval" || kind === "eval_compare" ? ", but every example the report lists, with the model's answers" : ""}. It
          is shown once; revoke it here when it is no longer needed.
        </p>
        {made?.url ? (
          <div className="stack-tight">
            <label htmlFor="share-url">Link (shown only now)</label>
            <div className="row">
              <input id="share-url" className="grow mono" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
              <CopyLink text={made.url} />
            </div>
            <p className="small muted">
              Expires <When iso={made.expiresAt} />.
            </p>
          </div>
        ) : (
          <div className="row row-wrap">
            <div className="field field-inline">
              <label htmlFor="share-days">Expires after</label>
              <select id="share-days" value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="share-days">
                {SHARE_DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d === 1 ? "1 day" : `${d} days`}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => create.mutate(days, { onSuccess: setMade })} data-testid="share-create">
              {create.isPending ? "Making the link…" : "Make link"}
            </button>
          </div>
        )}
        {create.isError ? <ErrorNote error={create.error} title="Could not make the link" /> : null}
        <h3 className="panel-title">Links to {WHAT[kind]}</h3>
        {links.data && links.data.length > 0 ? (
          <table className="table" data-testid="share-links">
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">By</th>
                <th scope="col">Expires</th>
                <th scope="col">Last viewed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.data.map((l) => {
                const expired = Date.parse(l.expiresAt) <= now;
                const mayRevoke = isAdmin || (me !== null && me.id === l.createdById);
                return (
                  <tr key={l.id} data-testid="share-link-row" data-share-id={l.id}>
                    <td className="small">
                      <When iso={l.createdAt} />
                    </td>
                    <td className="small">{l.createdBy ?? "—"}</td>
                    <td className="small">{l.revokedAt ? "revoked" : expired ? "expired" : <When iso={l.expiresAt} />}</td>
                    <td className="small">{l.lastViewedAt ? <When iso={l.lastViewedAt} /> : "never"}</td>
                    <td>
                      {!l.revokedAt && !expired && mayRevoke ? (
                        <button type="button" className="btn btn-sm btn-danger-text" disabled={revoke.isPending} onClick={() => revoke.mutate(l.id)} data-testid="share-revoke">
                          Revoke
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted small">{links.isPending ? "Loading…" : "No links yet."}</p>
        )}
        {revoke.isError ? <ErrorNote error={revoke.error} title="Could not revoke" /> : null}
        <div className="row">
          <span className="grow" />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function CopyLink({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="btn btn-sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2_000);
      }}
      data-testid="share-copy"
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text" : "Copy"}</span>
    </button>
  );
}

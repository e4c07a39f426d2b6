"use client";

import type { ReactNode } from "react";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy, error }: Props) {
  return (
    <Dialog title={title} onClose={busy ? undefined : onCancel} tone="danger">
      <div className="stack">
        {children}
        {error ? <ErrorNote error={error} /> : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

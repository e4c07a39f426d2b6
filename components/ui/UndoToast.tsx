"use client";

import { useEffect, useState } from "react";

interface Props {
  message: string;
  /** Seconds the undo is offered for. */
  seconds?: number;
  onUndo?: () => void;
  undoing?: boolean;
  onClose: () => void;
}

/**
 * A toast at the bottom of the screen that says what just happened and offers to undo it for a while
 * (a minute by default), then goes. Without onUndo it only reports (an undo's own outcome).
 */
export function UndoToast({ message, seconds = 60, onUndo, undoing, onClose }: Props) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(remaining);
      if (remaining <= 0) onClose();
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds, onClose, message]);

  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      <span className="toast-text">{message}</span>
      {onUndo ? (
        <button type="button" className="btn btn-sm" onClick={onUndo} disabled={undoing} data-testid="toast-undo">
          {undoing ? "Undoing…" : `Undo (${left} s)`}
        </button>
      ) : null}
      <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  title: string;
  children: ReactNode;
  /** Omit to make the dialog impossible to dismiss with Escape (it must be answered). */
  onClose?: () => void;
  tone?: "default" | "danger";
  /** Wide: for a dialog holding a table. */
  wide?: boolean;
}

/** A modal on the native <dialog>: focus is trapped, the page behind is inert, Escape closes it. */
export function Dialog({ title, children, onClose, tone = "default", wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${tone === "danger" ? " dialog-danger" : ""}${wide ? " dialog-wide" : ""}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

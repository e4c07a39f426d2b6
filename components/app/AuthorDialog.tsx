"use client";

import { useState, type FormEvent } from "react";
import { setAuthor } from "@/lib/client/author";
import { LIMITS } from "@/lib/schemas/common";
import { Dialog } from "@/components/ui/Dialog";

interface Props {
  current: string;
  /** First visit: there is no name yet, so the dialog cannot be dismissed without one. */
  required: boolean;
  onDone: () => void;
}

export function AuthorDialog({ current, required, onDone }: Props) {
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = setAuthor(name);
    if (problem) setError(problem);
    else onDone();
  }

  return (
    <Dialog title={required ? "Welcome to ToolTune" : "Change your display name"} onClose={required ? undefined : onDone}>
      <form onSubmit={submit} className="stack">
        <p className="muted">
          Your name is shown next to every label, tool and setting you save, so teammates know who changed what. It is kept in this
          browser only.
        </p>
        <div className="field">
          <label htmlFor="author-name">Display name</label>
          <input
            id="author-name"
            autoFocus
            value={name}
            maxLength={LIMITS.authorName}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "author-name-error" : undefined}
            placeholder="e.g. Ada"
            autoComplete="name"
          />
          {error ? (
            <p id="author-name-error" className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="dialog-actions">
          {!required ? (
            <button type="button" className="btn" onClick={onDone}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={name.trim() === ""}>
            {required ? "Start" : "Save"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

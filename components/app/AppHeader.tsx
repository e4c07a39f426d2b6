"use client";

import Link from "next/link";
import { useState } from "react";
import { useAuthor } from "@/lib/client/use-author";
import { AuthorDialog } from "./AuthorDialog";

/** Brand on the left; who you are writing as on the right. Asks for a name on the first visit. */
export function AppHeader() {
  const author = useAuthor();
  const [changing, setChanging] = useState(false);
  // `undefined` = still rendering on the server: ask nothing until the browser knows.
  const mustAsk = author === null;

  return (
    <header className="app-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ⟡
        </span>
        ToolTune
      </Link>
      <div className="app-header-right">
        {author ? (
          <span className="author-badge">
            You: <strong>{author}</strong>{" "}
            <button type="button" className="link-button" onClick={() => setChanging(true)}>
              (change)
            </button>
          </span>
        ) : null}
      </div>
      {mustAsk || changing ? <AuthorDialog current={author ?? ""} required={mustAsk} onDone={() => setChanging(false)} /> : null}
    </header>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useAuthor } from "@/lib/client/use-author";
import { AuthorDialog } from "./AuthorDialog";

/** Brand on the left; who you are writing as on the right. Asks for a name on the first visit. */
export function AppHeader() {
  const author = useAuthor();
  const [changing, setChanging] = useState(false);
  const pathname = usePathname();
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
      <nav className="app-nav" aria-label="Everywhere">
        <Link href="/" className={`app-nav-link${pathname === "/" ? " is-active" : ""}`} aria-current={pathname === "/" ? "page" : undefined}>
          Projects
        </Link>
        <Link
          href="/endpoints"
          className={`app-nav-link${pathname.startsWith("/endpoints") ? " is-active" : ""}`}
          aria-current={pathname.startsWith("/endpoints") ? "page" : undefined}
          data-testid="nav-endpoints"
        >
          Endpoints
        </Link>
      </nav>
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

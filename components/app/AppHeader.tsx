"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMe, useCan } from "@/lib/client/auth";
import { ROLE_LABELS } from "@/lib/schemas/auth";

/** Brand on the left; the signed-in member, their role and account links on the right. None on a share link's page. */
export function AppHeader() {
  const pathname = usePathname();
  return pathname.startsWith("/share/") ? null : <Header pathname={pathname} />;
}

function Header({ pathname }: { pathname: string }) {
  const me = useMe();
  const canManage = useCan("members.manage");
  const canAudit = useCan("audit.read");
  const link = (href: string, label: string, testId?: string) => {
    const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
    return (
      <Link href={href} className={`app-nav-link${active ? " is-active" : ""}`} aria-current={active ? "page" : undefined} data-testid={testId}>
        {label}
      </Link>
    );
  };

  return (
    <header className="app-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ⟡
        </span>
        ToolTune
      </Link>
      {me ? (
        <nav className="app-nav" aria-label="Everywhere">
          {link("/", "Projects")}
          {link("/endpoints", "Endpoints", "nav-endpoints")}
          {link("/agents", "GPU agents", "nav-agents")}
          {canManage ? link("/members", "Members", "nav-members") : null}
          {canAudit ? link("/audit", "Audit", "nav-audit") : null}
        </nav>
      ) : null}
      <div className="app-header-right">
        {me ? (
          <span className="author-badge" data-testid="signed-in-as">
            <Link href="/account">
              <strong>{me.name}</strong>
            </Link>{" "}
            · {ROLE_LABELS[me.role]}
          </span>
        ) : null}
      </div>
    </header>
  );
}

"use client";

import { useRouter } from "next/navigation";
import type { HTMLAttributes } from "react";

const OWN_CLICKS = "a, button, input, label, select, textarea";

/**
 * A table row that opens `href` when clicked anywhere except on its own links and controls, which keep
 * their clicks (a compare checkbox, a copy button). The row's first link to `href` keeps it keyboard-reachable.
 */
export function LinkRow({ href, className, ...rest }: { href: string } & HTMLAttributes<HTMLTableRowElement>) {
  const router = useRouter();
  return (
    <tr
      {...rest}
      className={className ? `clickable ${className}` : "clickable"}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest(OWN_CLICKS)) return;
        router.push(href);
      }}
    />
  );
}

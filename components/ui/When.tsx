"use client";

import { formatExact, formatWhen } from "@/lib/client/format";

/** A time as people say it ("5 min ago"), with the exact timestamp on hover. */
export function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatExact(iso)} suppressHydrationWarning>
      {formatWhen(iso)}
    </time>
  );
}

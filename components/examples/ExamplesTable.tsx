"use client";

import Link from "next/link";
import type { ExampleSummaryDto } from "@/lib/schemas/example";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";

/** Dense rows: number, request, what the target does, split, review state, validity. */
export function ExamplesTable({ items, hrefFor, stale }: { items: ExampleSummaryDto[]; hrefFor: (id: string) => string; stale: boolean }) {
  return (
    <table className={`table examples-table${stale ? " is-stale" : ""}`}>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Request</th>
          <th scope="col">Target</th>
          <th scope="col">Split</th>
          <th scope="col">Review</th>
          <th scope="col">
            <span className="sr-only">Validity</span>
          </th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => {
          const href = hrefFor(e.id);
          return (
            <LinkRow key={e.id} href={href} data-testid="example-row" data-example-id={e.id} className={e.invalid ? "is-invalid" : undefined}>
              <td className="num mono">
                <Link href={href} aria-label={`Open example ${e.number}`}>
                  {e.number}
                </Link>
              </td>
              <td className="cell-request">
                <span className="clamp-1" title={e.request}>
                  {e.request || <span className="muted">(empty request)</span>}
                </span>
              </td>
              <td className="cell-target">
                <Target e={e} />
              </td>
              <td>
                <span className={`tag split-${e.split}`}>{e.split}</span>
              </td>
              <td>
                <span className={`tag review-${e.reviewState}`}>{e.reviewState}</span>
              </td>
              <td>
                {e.needsReason ? (
                  <span className="badge badge-warn" data-testid="needs-reason-badge" title="a no_tool reply without a reason: write one in the editor">
                    needs a reason
                  </span>
                ) : null}
                {e.invalid && !(e.needsReason && e.issueCount === 1) ? (
                  <span className="badge badge-danger" data-testid="invalid-badge" title={`${e.issueCount} validation issue(s)`}>
                    invalid · {e.issueCount}
                  </span>
                ) : null}
              </td>
              <td className="muted small nowrap">
                <When iso={e.updatedAt} />
                {e.updatedBy ? ` · ${e.updatedBy}` : ""}
              </td>
            </LinkRow>
          );
        })}
      </tbody>
    </table>
  );
}

function Target({ e }: { e: ExampleSummaryDto }) {
  if (e.targetKind === "unlabelled") return <span className="muted">unlabelled</span>;
  if (e.targetKind === "no_tool") {
    return (
      <span className="clamp-1 notool-text" title={e.noToolReason ?? ""}>
        <span className="chip chip-notool">no_tool</span> {e.noToolReason}
      </span>
    );
  }
  return (
    <span className="chips">
      {e.targetTools.map((t) => (
        <span key={t} className="chip mono">
          {t}
        </span>
      ))}
    </span>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { evalCompareQuery, isEvalTerminal } from "@/lib/queries/evals";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { CompareTable } from "./CompareTable";
import { FlipsSection } from "./FlipsSection";
import { CompareManyTable } from "./CompareManyTable";
import { compareHref, parseCompareIds } from "./compare";
import { ShareButton } from "@/components/share/ShareButton";
import { useReadOnly } from "@/components/share/ReadOnly";

/** Two evals side by side (A the baseline, B the candidate): the numbers with their change, then the examples that flipped. */
export function CompareEvalsPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const params = useSearchParams();
  // A share link names its two evals; in the app they are in the URL.
  const shared = useReadOnly();
  // Three or more come as ?ids=A,B,C (the numbers side by side); two as ?a=&b= (also example by example).
  const many = shared ? [] : parseCompareIds(params.get("ids"));
  const a = shared ? shared.targets[0] : (params.get("a") ?? many[0] ?? "");
  const b = shared ? shared.targets[1] : (params.get("b") ?? (many.length === 2 ? many[1] : ""));
  const isMany = many.length > 2;
  const q = useQuery({ ...evalCompareQuery(projectId, a, b), enabled: !isMany && a !== "" && b !== "" && a !== b });
  const listHref = `/projects/${encodeURIComponent(projectId)}/evals`;

  let body;
  if (isMany) body = <CompareManyTable projectId={projectId} ids={many} />;
  else if (a === "" || b === "" || a === b)
    body = (
      <div className="panel">
        <Empty title="Pick two different evals">
          <p className="muted">
            Tick two or more evals in the <Link href={listHref}>list</Link>, or use “Compare with…” on a report.
          </p>
        </Empty>
      </div>
    );
  else if (q.isPending) body = <Loading label="Comparing the evals…" />;
  else if (!q.data) body = <LoadError error={q.error} what="comparison" onRetry={() => q.refetch()} />;
  else {
    const d = q.data;
    const live = !isEvalTerminal(d.a.status) || !isEvalTerminal(d.b.status);
    body = (
      <>
        {!d.sameGold || d.onlyA > 0 || d.onlyB > 0 ? (
          <div className="banner banner-warn" role="status" data-testid="compare-warning">
            <p>
              {!d.sameGold
                ? "The gold labels changed between the two evals for some shared examples: a flip may be the label's, not the model's. "
                : ""}
              {d.onlyA > 0 || d.onlyB > 0
                ? `The evals did not ask the same examples: ${d.onlyA} only in A, ${d.onlyB} only in B. The flips cover the ${d.shared} shared ones; the rates above cover each eval's own.`
                : ""}
            </p>
          </div>
        ) : null}
        {live ? <p className="note">One of the evals is still running: the comparison updates as answers arrive.</p> : null}
        <section className="panel" aria-label="Numbers">
          <CompareTable data={d} />
        </section>
        <FlipsSection data={d} />
      </>
    );
  }

  return (
    <div className="page compare-page" data-testid="compare-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          {shared ? null : (
            <p className="small">
              <Link href={listHref}>← Evals</Link>
            </p>
          )}
          <h1>Compare evals</h1>
          <p className="muted small">
            {isMany
              ? `${many.length} evals; A is the baseline: each change against A is green where it is better, whichever way “better” points.`
              : "A is the baseline, B the candidate: B − A is green where B is better, whichever way “better” points."}
          </p>
        </div>
        {!isMany && a && b && a !== b ? <ShareButton projectId={projectId} kind="eval_compare" targets={[a, b]} /> : null}
        {!isMany && a && b && a !== b && !shared ? (
          <button type="button" className="btn" onClick={() => router.replace(compareHref(projectId, b, a))} data-testid="swap-ab">
            ⇄ Swap A and B
          </button>
        ) : null}
      </div>
      {body}
    </div>
  );
}

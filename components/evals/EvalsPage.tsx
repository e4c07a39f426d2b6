"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { evalSettingsQuery, evalsQuery, useUpdateEvalSettings } from "@/lib/queries/evals";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { EvalsTable } from "./EvalsTable";
import { NewEvalForm } from "./NewEvalForm";
import { COMPARE_MAX, compareHref, compareManyHref } from "./compare";
import { useCan } from "@/lib/client/auth";

/** Every eval of the project, newest first, with the form that starts one (open with ?new=1, pre-filled by runId/model/backend). */
export function EvalsPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const evals = useQuery(evalsQuery(projectId));
  const [picked, setPicked] = useState<string[]>([]);
  const canEval = useCan("evals.write");
  const canPin = useCan("projects.update");
  const settings = useQuery(evalSettingsQuery(projectId));
  const pin = useUpdateEvalSettings(projectId);
  const baselineId = settings.data?.baselineEvalId ?? null;
  const creating = canEval && params.get("new") === "1";
  const prefill = { runId: params.get("runId"), model: params.get("model"), backend: params.get("backend") };
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const all = evals.data ?? [];
  const selected = picked.filter((id) => all.some((e) => e.id === id));
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-COMPARE_MAX)));
  const openForm = () => router.replace(`${pathname}?new=1`, { scroll: false });
  const closeForm = () => router.replace(pathname, { scroll: false });

  return (
    <div className="page evals-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>Evals</h1>
          <p className="muted small">
            Ask a model every example of a split and score its tool calls against the labels: validity, tool choice, arguments and false
            calls.
          </p>
        </div>
        <div className="row">
          <Link href={`${base}/playground`} className="btn">
            Playground
          </Link>
          {creating || !canEval ? null : (
            <button type="button" className="btn btn-primary" onClick={openForm} data-testid="new-eval-button">
              New eval
            </button>
          )}
        </div>
      </div>
      {/* The key restarts the form when a link pre-fills another model. */}
      {creating ? (
        <NewEvalForm key={`${prefill.runId}|${prefill.model}`} projectId={projectId} prefill={prefill} onClose={closeForm} />
      ) : null}
      {evals.isPending ? (
        <Loading label="Loading evals…" />
      ) : !evals.data ? (
        <LoadError error={evals.error} what="evals" onRetry={() => evals.refetch()} />
      ) : all.length === 0 ? (
        creating ? null : (
          <div className="panel">
            <Empty title="No evals yet">
              <p className="muted">
                An eval sends each example of the <strong>gold split</strong> (examples set aside from training, with labels you trust) to a
                model and scores what comes back. Put examples in the gold split on the <Link href={`${base}/data#split`}>Data</Link> tab,
                or per example in <Link href={`${base}/examples?split=gold`}>Examples</Link>; then evaluate a base model to get a baseline,
                and each fine-tune against it.
              </p>
              <button type="button" className="btn btn-primary" onClick={openForm}>
                New eval
              </button>
            </Empty>
          </div>
        )
      ) : (
        <>
          <div className="panel panel-flush scroll-x">
            <EvalsTable
              evals={all}
              hrefFor={(id) => `${base}/evals/${encodeURIComponent(id)}`}
              selected={selected}
              onToggle={toggle}
              baselineId={baselineId}
              maxSelected={COMPARE_MAX}
            />
          </div>
          <div className="compare-bar row row-wrap" role="group" aria-label="Compare evals">
            <span className="muted small" aria-live="polite">
              {selected.length === 0
                ? `Tick two to ${COMPARE_MAX} evals to compare them (the first ticked is A, the baseline); two are compared example by example.`
                : selected.length === 1
                  ? "1 selected: tick one more to compare."
                  : `${selected.length} selected.`}
            </span>
            <button
              type="button"
              className="btn btn-sm"
              disabled={selected.length < 2}
              onClick={() => router.push(selected.length === 2 ? compareHref(projectId, selected[0], selected[1]) : compareManyHref(projectId, selected))}
              data-testid="compare-evals"
            >
              {selected.length > 2 ? `Compare ${selected.length}` : "Compare"}
            </button>
            {canPin && selected.length === 1 ? (
              <button
                type="button"
                className="btn btn-sm"
                disabled={pin.isPending}
                onClick={() => pin.mutate({ baselineEvalId: selected[0] === baselineId ? null : selected[0] }, { onSuccess: () => setPicked([]) })}
                data-testid="list-pin-baseline"
              >
                {selected[0] === baselineId ? "Unpin baseline" : "Pin as baseline"}
              </button>
            ) : null}
            {selected.length > 0 ? (
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setPicked([])}>
                Clear selection
              </button>
            ) : null}
          </div>
          {pin.isError ? <ErrorNote error={pin.error} title="Could not change the baseline" /> : null}
        </>
      )}
    </div>
  );
}

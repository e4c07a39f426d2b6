"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { OutputStyle } from "@/lib/schemas/common";
import { healthQuery, isComputing, type HealthEncoding, type HealthParams, type HealthSplit } from "@/lib/queries/datasets";
import { Loading, LoadError } from "@/components/ui/States";
import { HealthReportView } from "./HealthReportView";
import { CostTable } from "./CostTable";
import { HealthComputing } from "./HealthComputing";

const SPLIT_LABEL: Record<HealthSplit, string> = {
  train: "train",
  validation: "validation",
  all: "train + validation",
  labelled: "all labelled (split or not)",
};
const MAX_LIMIT = 2_000_000;

/** The OpenAI cookbook's data checks, run on a split exactly as it would be exported. */
export function HealthSection({
  projectId,
  outputStyle,
  defaultSplit = "train",
}: {
  projectId: string;
  outputStyle: OutputStyle | undefined;
  /** The split shown until the user picks one: before a split, every labelled example (so the cost estimate is there from the start). */
  defaultSplit?: HealthSplit;
}) {
  const [chosen, setChosen] = useState<Omit<HealthParams, "split"> & { split: HealthSplit | null }>({ split: null, encoding: "o200k_base", tokenLimit: 16_385 });
  const params: HealthParams = { ...chosen, split: chosen.split ?? defaultSplit };
  const setParams = (f: (p: HealthParams) => HealthParams) => setChosen(f(params));
  const [limitText, setLimitText] = useState(String(params.tokenLimit));
  const health = useQuery(healthQuery(projectId, params));
  // A large split's first report comes from the worker: until then the answer is its progress.
  const report = health.data && !isComputing(health.data) ? health.data : null;
  const ids = { split: useId(), encoding: useId(), limit: useId() };
  const limit = Number(limitText);
  const limitOk = Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT;

  function applyLimit() {
    if (limitOk && limit !== params.tokenLimit) setParams((p) => ({ ...p, tokenLimit: limit }));
  }

  return (
    <section id="health" className="panel data-section" aria-labelledby="health-title">
      <div className="data-section-head">
        <h2 id="health-title" className="section-title">
          Health
        </h2>
        <p className="muted small">
          Format errors, token counts and the training cost of a split as it would be exported (labelled, valid examples only).
          {params.split === "labelled" ? " Before a split, all labelled examples are measured, so the cost estimate is there from the start." : ""}
        </p>
      </div>
      <form
        className="row row-wrap row-end health-controls"
        onSubmit={(e) => {
          e.preventDefault();
          applyLimit();
        }}
      >
        <div className="field">
          <label htmlFor={ids.split}>Split</label>
          <select
            id={ids.split}
            value={params.split}
            onChange={(e) => setParams((p) => ({ ...p, split: e.target.value as HealthSplit }))}
            data-testid="health-split"
          >
            {(Object.keys(SPLIT_LABEL) as HealthSplit[]).map((s) => (
              <option key={s} value={s}>
                {SPLIT_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.encoding}>Tokeniser</label>
          <select
            id={ids.encoding}
            value={params.encoding}
            onChange={(e) => setParams((p) => ({ ...p, encoding: e.target.value as HealthEncoding }))}
          >
            <option value="o200k_base">o200k_base (GPT-4o, GPT-4.1)</option>
            <option value="cl100k_base">cl100k_base (GPT-3.5, GPT-4)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.limit}>Token limit per example</label>
          <input
            id={ids.limit}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LIMIT}
            step={1}
            value={limitText}
            onChange={(e) => setLimitText(e.target.value)}
            onBlur={applyLimit}
            aria-invalid={limitOk ? undefined : true}
            className="input-num"
          />
        </div>
        <button type="submit" className="btn" disabled={!limitOk || limit === params.tokenLimit}>
          Apply
        </button>
        {!limitOk ? <span className="field-error">A whole number from 1 to {MAX_LIMIT.toLocaleString("en-US")}.</span> : null}
        {health.isFetching && report ? <span className="muted small">Updating…</span> : null}
      </form>
      {health.isPending ? (
        <Loading label={`Counting tokens in ${SPLIT_LABEL[params.split]}…`} />
      ) : report ? (
        <div className={`health-grid${health.isPlaceholderData ? " is-stale" : ""}`}>
          <HealthReportView report={report.report} splitLabel={SPLIT_LABEL[params.split]} outputStyle={outputStyle} />
          <CostTable projectId={projectId} chargedTokens={report.report.chargedTokens} serverCosts={report.costs} />
        </div>
      ) : health.isError || !isComputing(health.data) ? (
        <LoadError error={health.error} what="health report" onRetry={() => health.refetch()} />
      ) : (
        <HealthComputing progress={health.data} splitLabel={SPLIT_LABEL[params.split]} />
      )}
    </section>
  );
}

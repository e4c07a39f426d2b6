"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/lib/client/api";
import { formatCount } from "@/lib/client/format";
import { dpoPreviewQuery, useCreateDpoRun } from "@/lib/queries/dpo";
import { evalsQuery } from "@/lib/queries/evals";
import { FAILURE_VERDICTS } from "@/lib/schemas/eval-failures";
import type { RunDto } from "@/lib/schemas/runs";
import { VERDICT_LABEL } from "@/components/evals/labels";
import { formatUsd } from "./labels";

/** The "Start DPO run…" button and its form; an eval report's link lands here with ?dpo=<eval id>, which opens the form with that eval chosen. */
export function DpoStarter({ run }: { run: RunDto }) {
  const from = useSearchParams().get("dpo");
  const [open, setOpen] = useState(from !== null);
  if (open) return <DpoRunForm run={run} preselect={from} onClose={() => setOpen(false)} />;
  return (
    <p className="no-print">
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="open-dpo-form">
        Start DPO run…
      </button>{" "}
      <span className="muted small">preference training on this model, from its evals&apos; failures</span>
    </p>
  );
}

/**
 * "Start DPO run" on a finished SFT run: the evals whose failures become preference pairs (chosen:
 * gold, rejected: the model's answer), beta and epochs; shows the pair count and, where the backend
 * prices it, the cost. `preselect`: the eval the report's "Start DPO run" came from.
 */
export function DpoRunForm({ run, preselect, onClose }: { run: RunDto; preselect: string | null; onClose: () => void }) {
  const id = useId();
  const router = useRouter();
  const evals = useQuery(evalsQuery(run.projectId, run.id));
  const finished = (evals.data ?? []).filter((e) => e.status === "succeeded");
  const [chosen, setChosen] = useState<string[]>(preselect ? [preselect] : []);
  const [beta, setBeta] = useState("0.1");
  const [epochs, setEpochs] = useState("auto");
  const nEpochs = epochs === "auto" ? ("auto" as const) : Number(epochs);
  const preview = useQuery(
    dpoPreviewQuery(run.projectId, run.id, chosen, Number.isInteger(nEpochs) || nEpochs === "auto" ? nEpochs : "auto"),
  );
  const create = useCreateDpoRun(run.projectId, run.id);
  const betaNumber = Number(beta);
  const betaError = !(betaNumber > 0 && betaNumber <= 2) ? "beta must be above 0 and at most 2" : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (betaError || chosen.length === 0 || create.isPending) return;
    create.mutate(
      { evalIds: chosen, beta: betaNumber, hyperparameters: { n_epochs: nEpochs, batch_size: "auto", learning_rate_multiplier: "auto" } },
      { onSuccess: (r) => router.push(`/projects/${encodeURIComponent(run.projectId)}/runs/${encodeURIComponent(r.id)}`) },
    );
  }
  const toggle = (evalId: string) => setChosen((c) => (c.includes(evalId) ? c.filter((x) => x !== evalId) : [...c, evalId]));
  const p = preview.data;
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="dpo-form" noValidate>
      <h2 id={`${id}-title`} className="panel-title">
        Start a DPO run on this model
      </h2>
      <fieldset className="field">
        <legend>Evals whose failures become preference pairs</legend>
        {finished.length === 0 ? <p className="muted small">This run has no finished eval: evaluate its model first.</p> : null}
        {finished.map((e) => (
          <label key={e.id} className="row">
            <input type="checkbox" checked={chosen.includes(e.id)} onChange={() => toggle(e.id)} /> {e.name}
          </label>
        ))}
      </fieldset>
      <div className="row row-wrap">
        <div className="field">
          <label htmlFor={`${id}-beta`}>beta</label>
          <input
            id={`${id}-beta`}
            type="number"
            step="0.01"
            min="0.01"
            max="2"
            value={beta}
            onChange={(e) => setBeta(e.target.value)}
            aria-invalid={betaError !== null}
            aria-describedby={`${id}-beta-hint`}
          />
          <p id={`${id}-beta-hint`} className={betaError ? "field-error" : "hint"}>
            {betaError ?? "How far the model may move from the SFT model: lower moves further (0.1 is TRL's and OpenAI's default)."}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-epochs`}>Epochs</label>
          <select id={`${id}-epochs`} value={epochs} onChange={(e) => setEpochs(e.target.value)}>
            {["auto", "1", "2", "3", "4", "5"].map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </div>
      </div>
      {p ? (
        <p className="small" role="status" data-testid="dpo-pairs">
          <strong>{formatCount(p.pairs)}</strong> preference pairs (
          {FAILURE_VERDICTS.filter((v) => p.byVerdict[v] > 0)
            .map((v) => `${formatCount(p.byVerdict[v])} ${VERDICT_LABEL[v]}`)
            .join(", ")}
          ){p.costUsd !== null ? ` · about ${formatUsd(p.costUsd)} to train (${formatCount(p.chargedTokens)} tokens)` : ""}.
        </p>
      ) : null}
      {p?.warnings.map((w) => (
        <p key={w} className="hint">
          {w}
        </p>
      ))}
      {preview.isError ? <p className="field-error">{errorMessage(preview.error)}</p> : null}
      {create.isError ? <p className="field-error">{errorMessage(create.error)}</p> : null}
      <div className="row">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={chosen.length === 0 || betaError !== null || create.isPending || (p !== undefined && p.pairs === 0)}
          data-testid="start-dpo"
        >
          Start DPO run
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

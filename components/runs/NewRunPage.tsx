"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isApiError } from "@/lib/client/api";
import { runPreviewQuery, useCreateRun } from "@/lib/queries/runs";
import { useCreateSweep } from "@/lib/queries/sweeps";
import { MAX_SWEEP_RUNS } from "@/lib/schemas/sweeps";
import { isComputing } from "@/lib/queries/datasets";
import { HealthComputing } from "@/components/datasets/HealthComputing";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Loading, LoadError } from "@/components/ui/States";
import { RunSettingsFields } from "./RunSettingsFields";
import { SnapshotCard } from "./SnapshotCard";
import { EMPTY_FORM, buildRunCreate, resolveChoice, type RunForm } from "./run-form";
import { EMPTY_SWEEP, SweepFields, sweepAxes, sweepSize, type SweepForm } from "./SweepFields";
import { useCan } from "@/lib/client/auth";

/** Choose a backend, a base model and hyperparameters; see exactly what data and cost a run would take; start it. */
export function NewRunPage({ projectId }: { projectId: string }) {
  const canRun = useCan("runs.write");
  const router = useRouter();
  const create = useCreateRun(projectId);
  const createSweep = useCreateSweep(projectId);
  const [form, setForm] = useState<RunForm>(EMPTY_FORM);
  const [sweep, setSweep] = useState<SweepForm>(EMPTY_SWEEP);
  // The backends come with any snapshot; the cost needs the base model, which needs the backends.
  const preview = useQuery(runPreviewQuery(projectId));
  const ready = preview.data && !isComputing(preview.data) ? preview.data : null;
  const model = ready ? resolveChoice(form, ready.backends).baseModel : "";
  const priced = useQuery({ ...runPreviewQuery(projectId, model), enabled: model !== "" });
  const base = `/projects/${encodeURIComponent(projectId)}/runs`;

  if (preview.isPending) return <Loading label="Taking a snapshot of the dataset…" />;
  if (!ready) {
    return (
      <div className="page page-narrow">
        {isComputing(preview.data) && !preview.isError ? (
          <section className="panel stack" aria-labelledby="snapshot-title">
            <h2 id="snapshot-title" className="panel-title">
              Dataset snapshot
            </h2>
            <HealthComputing progress={preview.data} splitLabel="the train split" />
          </section>
        ) : (
          <LoadError error={preview.error} what="dataset snapshot" onRetry={() => preview.refetch()} />
        )}
      </div>
    );
  }
  const { snapshot, backends } = priced.data && !isComputing(priced.data) ? priced.data : ready;
  const { backend } = resolveChoice(form, backends);
  const { body, errors } = buildRunCreate(form, backends, snapshot.longestExampleTokens);
  // The server's own verdict on a field wins until the user changes something.
  const serverField = isApiError(create.error) && create.error.field ? create.error.field : null;
  const noData = snapshot.train.examples === 0;
  const sweepRuns = sweep.on ? sweepSize(sweep) : 1;
  const sweepProblem = sweep.on ? (sweep.name.trim() === "" ? "name the sweep" : sweepAxes(sweep).some((a) => a.values.length === 0) ? "give each varied setting its values" : null) : null;
  const blocked = Object.keys(errors).length > 0 || noData || !backend || sweepProblem !== null || sweepRuns > MAX_SWEEP_RUNS;
  const pending = create.isPending || createSweep.isPending;
  const failed = create.isError ? create.error : createSweep.isError ? createSweep.error : null;

  function start(e: FormEvent) {
    e.preventDefault();
    if (blocked || pending) return;
    if (sweep.on) {
      createSweep.mutate(
        { name: sweep.name.trim(), base: body, axes: sweepAxes(sweep) },
        { onSuccess: (d) => router.push(`/projects/${encodeURIComponent(projectId)}/sweeps/${encodeURIComponent(d.sweep.id)}`) },
      );
      return;
    }
    create.mutate(body, { onSuccess: (run) => router.push(`${base}/${encodeURIComponent(run.id)}`) });
  }
  function change(next: RunForm) {
    if (create.isError) create.reset();
    if (createSweep.isError) createSweep.reset();
    setForm(next);
  }

  return (
    <form className="page new-run-page" onSubmit={start} noValidate>
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <p className="small">
            <Link href={base}>← Runs</Link>
          </p>
          <h1>New run</h1>
        </div>
      </div>
      <div className="new-run-grid">
        <section className="panel stack" aria-labelledby="settings-title">
          <h2 id="settings-title" className="panel-title">
            Settings
          </h2>
          <RunSettingsFields form={form} backends={backends} errors={errors} serverField={serverField} onChange={change} longestExampleTokens={snapshot.longestExampleTokens} projectId={projectId} />
          <SweepFields
            value={sweep}
            onChange={(v) => {
              if (createSweep.isError) createSweep.reset();
              setSweep(v);
            }}
            error={sweepProblem ?? undefined}
          />
        </section>
        <section className="panel stack" aria-labelledby="snapshot-title">
          <div className="panel-head">
            <h2 id="snapshot-title" className="panel-title">
              Dataset snapshot
            </h2>
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => void (model ? priced.refetch() : preview.refetch())}
              disabled={preview.isFetching || priced.isFetching}
            >
              {preview.isFetching || priced.isFetching ? "Updating…" : "Refresh"}
            </button>
          </div>
          <p className="muted small">
            What the run will train on if you start it now: the labelled, valid examples of the train and validation splits, frozen into
            files when the run is created.
          </p>
          <SnapshotCard
            snapshot={snapshot}
            epochs={errors["hyperparameters.n_epochs"] ? "auto" : body.hyperparameters?.n_epochs}
            testId="run-snapshot"
          />
        </section>
      </div>
      <div className="sticky-actions new-run-actions">
        {failed ? <ErrorNote error={failed} title={sweep.on ? "The sweep was not started (no run of it was)" : "The run was not started"} /> : null}
        {noData ? (
          <p className="field-error">
            The train split is empty: assign labelled examples to it on the{" "}
            <Link href={`/projects/${encodeURIComponent(projectId)}/data#split`}>Data</Link> tab first.
          </p>
        ) : null}
        <div className="row">
          {canRun ? (
            <button type="submit" className="btn btn-primary" disabled={blocked || pending} data-testid="start-run">
              {pending ? "Starting…" : sweep.on ? `Start ${sweepRuns} runs` : "Start run"}
            </button>
          ) : (
            <span className="badge badge-muted">Your role can look, not start runs</span>
          )}
          {noData ? null : (
            <span className="muted small">
              {blocked ? "Fix the highlighted settings to start." : "Starts at once; you can follow it live and cancel it."}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}

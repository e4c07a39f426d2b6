"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCount } from "@/lib/client/format";
import { evalTargetsQuery } from "@/lib/queries/evals";
import { generationEstimateQuery, generationSetupQuery, useCreateGeneration } from "@/lib/queries/generate";
import type { EvalTargetsDto } from "@/lib/schemas/evals";
import { GENERATION_KINDS, KIND_LABELS, type CostEstimate, type GenerationSetupDto } from "@/lib/schemas/generate";
import type { GaugeFill } from "@/lib/generate/fill-gauge";
import { formatPercent } from "@/lib/gauge";
import { Loading, LoadError } from "@/components/ui/States";
import { TargetPicker } from "@/components/evals/TargetPicker";
import { groupsOf, initialChoice, resolveTarget, type TargetChoice } from "@/components/evals/target-choice";
import { buildGenerationCreate, emptyCounts, fillForm, initialForm, totalOf, type GenerateForm as FormState } from "./generate-form";

/** Teacher, tools, counts per tool and kind, temperature; the estimated cost before starting. */
export function GenerateForm({ projectId }: { projectId: string }) {
  const targets = useQuery(evalTargetsQuery(projectId));
  const setup = useQuery(generationSetupQuery(projectId));
  return (
    <section className="panel" aria-labelledby="generate-title" data-testid="generate-form">
      <div className="panel-head">
        <h2 id="generate-title" className="panel-title">
          New generation
        </h2>
      </div>
      {targets.isPending || setup.isPending ? (
        <Loading label="Loading the teachers and tools…" />
      ) : !targets.data || !setup.data ? (
        <LoadError error={targets.error ?? setup.error} what="teachers and tools" onRetry={() => (targets.refetch(), setup.refetch())} />
      ) : setup.data.tools.length === 0 ? (
        <p className="muted">The catalogue has no active tools yet: add one on the Catalogue tab first.</p>
      ) : (
        <Fields projectId={projectId} targets={targets.data} setup={setup.data} />
      )}
    </section>
  );
}

function Fields({ projectId, targets, setup }: { projectId: string; targets: EvalTargetsDto; setup: GenerationSetupDto }) {
  const router = useRouter();
  const create = useCreateGeneration(projectId);
  const [choice, setChoice] = useState<TargetChoice>(() => teacherChoice(targets));
  const [form, setForm] = useState<FormState>(() => initialForm(setup));
  const [fill, setFill] = useState<GaugeFill | null>(null);
  const [tried, setTried] = useState(false);
  const resolved = resolveTarget(choice, targets);
  const { body, errors } = buildGenerationCreate(form, resolved.target, setup.multiTurnOffered);
  const estimate = useQuery(generationEstimateQuery(projectId, body));
  const err = (k: string) => (tried || k.startsWith("counts.") || k === "temperature" ? errors[k] : undefined);
  const kinds = GENERATION_KINDS.filter((k) => k !== "multi_turn" || setup.multiTurnOffered);

  const change = (next: FormState) => {
    if (create.isError) create.reset();
    setForm(next);
  };
  const setCount = (tool: string, kind: (typeof kinds)[number], value: string) =>
    change({ ...form, counts: { ...form.counts, [tool]: { ...(form.counts[tool] ?? emptyCounts()), [kind]: value } } });
  const toggleTool = (tool: string) =>
    change({
      ...form,
      tools: setup.tools.map((t) => t.name).filter((t) => (t === tool ? !form.tools.includes(t) : form.tools.includes(t))),
    });
  const fillGauge = () => {
    const r = fillForm(form, setup.routing);
    setFill(r.fill);
    change(r.form);
  };
  const start = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!body || create.isPending) return;
    create.mutate(body, {
      onSuccess: (g) => router.push(`/projects/${encodeURIComponent(projectId)}/generate/${encodeURIComponent(g.id)}`),
    });
  };
  const ratio = setup.routing.decisions > 0 ? setup.routing.noTool / setup.routing.decisions : null;

  return (
    <form onSubmit={start} noValidate className="stack">
      <TargetPicker
        id="teacher"
        legend="Teacher model"
        targets={targets}
        value={choice}
        onChange={setChoice}
        error={err("target") ?? (tried ? resolved.problem : undefined)}
      />
      <div className="row row-wrap">
        <button type="button" className="btn" onClick={fillGauge} data-testid="fill-gauge">
          Fill the gauge to the band
        </button>
        <span className="muted small">
          Now {formatCount(setup.routing.noTool)} no_tool of {formatCount(setup.routing.decisions)} labelled routing decisions
          {ratio === null ? "" : ` (${formatPercent(ratio)})`}. Drafts count once reviewed.
        </span>
      </div>
      {fill ? (
        <p className="note" role="status" data-testid="fill-explanation">
          {fill.explanation}
        </p>
      ) : null}
      <table className="table" aria-label="Candidates per tool">
        <thead>
          <tr>
            <th scope="col">Tool</th>
            {kinds.map((k) => (
              <th scope="col" key={k}>
                {KIND_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {setup.tools.map((t) => {
            const on = form.tools.includes(t.name);
            return (
              <tr key={t.name} className={on ? undefined : "muted"}>
                <td>
                  <label className="row">
                    <input type="checkbox" checked={on} onChange={() => toggleTool(t.name)} data-testid={`gen-tool-${t.name}`} />
                    <code>{t.name}</code>
                  </label>
                </td>
                {kinds.map((k) => {
                  const id = `gen-${t.name}-${k}`;
                  const e = err(`counts.${t.name}.${k}`);
                  return (
                    <td key={k}>
                      <label htmlFor={id} className="sr-only">
                        {t.name}: {KIND_LABELS[k]}
                      </label>
                      <input
                        id={id}
                        type="number"
                        className="input-num"
                        min={0}
                        max={200}
                        step={1}
                        disabled={!on}
                        value={form.counts[t.name]?.[k] ?? "0"}
                        onChange={(ev) => setCount(t.name, k, ev.target.value)}
                        aria-invalid={e ? true : undefined}
                        data-testid={id}
                      />
                      {e ? <span className="field-error">{e}</span> : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {setup.multiTurnOffered ? null : (
        <p className="hint">Multi-turn variants (call → tool result → answer) are offered once the project has multi-turn examples.</p>
      )}
      {err("tools") || err("counts") ? <p className="field-error">{err("tools") ?? err("counts")}</p> : null}
      <div className="field">
        <label htmlFor="gen-temperature">Temperature</label>
        <input
          id="gen-temperature"
          type="number"
          className="input-num"
          min={0}
          max={2}
          step={0.1}
          value={form.temperature}
          onChange={(e) => change({ ...form, temperature: e.target.value })}
          aria-invalid={err("temperature") ? true : undefined}
          aria-describedby="gen-temperature-hint"
          data-testid="gen-temperature"
        />
        <span id="gen-temperature-hint" className={err("temperature") ? "field-error" : "hint"}>
          {err("temperature") ?? "Higher gives more varied requests (0–2)."}
        </span>
      </div>
      <p className="small" data-testid="gen-estimate" aria-live="polite">
        {formatCount(totalOf(form))} candidates ·{" "}
        {!body ? "fix the fields above for an estimate" : !estimate.data ? "estimating…" : <EstimateText e={estimate.data} />}
      </p>
      {create.isError ? (
        <div className="error-note" role="alert">
          <p>
            <strong>The generation was not started: </strong>
            {create.error.message}
          </p>
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="start-generation">
          {create.isPending ? "Starting…" : "Generate"}
        </button>
        <span className="muted small">Runs in the worker; accepted candidates land as drafts for review.</span>
      </div>
    </form>
  );
}

function EstimateText({ e }: { e: CostEstimate }) {
  const tokens = `about ${formatCount(e.promptTokens)} tokens in, ${formatCount(e.completionTokens)} out over ${formatCount(e.requests)} requests`;
  return (
    <>
      {tokens} · <strong>{e.usd === null ? "unknown price" : `≈ $${e.usd < 0.01 ? e.usd.toFixed(4) : e.usd.toFixed(2)}`}</strong>
    </>
  );
}

/**
 * The eval form's first choice, except the project's own fine-tuned models: a teacher should be a
 * stronger model than the student, so a usable OpenAI model, GPU base model or endpoint comes first.
 */
function teacherChoice(targets: Parameters<typeof initialChoice>[0]): TargetChoice {
  const choice = initialChoice(targets);
  if (choice.group !== "trained") return choice;
  const other = groupsOf(targets).find((g) => g.id !== "trained" && g.disabled === null && (g.id !== "endpoint" || targets.endpoints.length > 0));
  return other ? { ...choice, group: other.id } : choice;
}

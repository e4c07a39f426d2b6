"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { evalTargetsQuery, useCreateEval } from "@/lib/queries/evals";
import { examplesQuery } from "@/lib/queries/examples";
import { toolsQuery } from "@/lib/queries/tools";
import type { Split } from "@/lib/schemas/common";
import { EVAL_LIMITS, type EvalTargetsDto } from "@/lib/schemas/evals";
import { MATCH_MODES } from "@/lib/scoring/types";
import { Loading, LoadError } from "@/components/ui/States";
import { TargetPicker } from "./TargetPicker";
import { EMPTY_EVAL_FORM, MATCH_MODE_HINT, buildEvalCreate, onlyOf, serverIssues, type EvalForm } from "./eval-form";
import { initialChoice, resolveTarget, type Prefill, type TargetChoice } from "./target-choice";
import { formatCount } from "@/lib/client/format";

const SPLIT_CHOICES: { value: Split; label: string }[] = [
  { value: "gold", label: "gold (held out: never trained on)" },
  { value: "validation", label: "validation" },
  { value: "train", label: "train (memorisation check)" },
];

interface Props {
  projectId: string;
  prefill: Prefill;
  onClose: () => void;
}

/** Pick a model and the examples to ask it; starting takes you to the live report. */
export function NewEvalForm({ projectId, prefill, onClose }: Props) {
  const targets = useQuery(evalTargetsQuery(projectId));
  return (
    <section className="panel new-eval" aria-labelledby="new-eval-title" data-testid="new-eval">
      <div className="panel-head">
        <h2 id="new-eval-title" className="panel-title">
          New eval
        </h2>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {targets.isPending ? (
        <Loading label="Loading the models you can evaluate…" />
      ) : !targets.data ? (
        <LoadError error={targets.error} what="models" onRetry={() => targets.refetch()} />
      ) : (
        <Fields projectId={projectId} targets={targets.data} prefill={prefill} />
      )}
    </section>
  );
}

function Fields({ projectId, targets, prefill }: { projectId: string; targets: EvalTargetsDto; prefill: Prefill }) {
  const router = useRouter();
  const create = useCreateEval(projectId);
  const [choice, setChoice] = useState<TargetChoice>(() => initialChoice(targets, prefill));
  const [form, setForm] = useState<EvalForm>(EMPTY_EVAL_FORM);
  const [tried, setTried] = useState(false);
  const only = onlyOf(form.only);
  const count = useQuery(examplesQuery(projectId, { split: form.split, ...only }, 1, 1));
  const tools = useQuery(toolsQuery(projectId));
  const resolved = resolveTarget(choice, targets);
  const { body, errors } = buildEvalCreate(form, resolved, prefill.runId);
  const server = serverIssues(create.error);
  // The server's verdict on a field wins until the user changes something; ours shows once they try to start.
  const err = (path: string) =>
    server.byField[path] ?? (tried || path === "concurrency" || path === "maxTokens" ? errors[path] : undefined);
  const targetError = err("target") ?? err("target.model") ?? err("target.endpointId");
  const examples = count.data?.total;
  const empty = examples === 0;

  function change(next: Partial<EvalForm>) {
    if (create.isError) create.reset();
    setForm({ ...form, ...next });
  }
  function pick(next: TargetChoice) {
    if (create.isError) create.reset();
    setChoice(next);
  }
  function start(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!body || create.isPending || empty) return;
    create.mutate(body, {
      onSuccess: (ev) => router.push(`/projects/${encodeURIComponent(projectId)}/evals/${encodeURIComponent(ev.id)}`),
    });
  }

  return (
    <form className="new-eval-form" onSubmit={start} noValidate>
      <TargetPicker id="eval-target" legend="Model" targets={targets} value={choice} onChange={pick} error={targetError} />
      <div className="new-eval-grid">
        <div className="field">
          <label htmlFor="eval-split">Examples</label>
          <select
            id="eval-split"
            value={form.split}
            onChange={(e) => change({ split: e.target.value as Split })}
            aria-invalid={err("split") ? true : undefined}
            data-testid="eval-split"
          >
            {SPLIT_CHOICES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {err("split") ? (
            <span className="field-error">{err("split")}</span>
          ) : (
            <span className={empty ? "field-error" : "hint"} data-testid="eval-split-count">
              {examples === undefined
                ? "Counting…"
                : empty
                  ? `No example in the ${form.split} split${only ? " with that target" : ""}.`
                  : `${formatCount(examples)} example${examples === 1 ? "" : "s"} in the ${form.split} split${only ? " with that target" : ""}; the labelled, valid ones are asked once each.`}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="eval-only">Targets</label>
          <select id="eval-only" value={form.only} onChange={(e) => change({ only: e.target.value })} data-testid="eval-only">
            <option value="">every example</option>
            <option value="kind:tool_calls">only tool calls</option>
            <option value="kind:no_tool">only no_tool (false-call check)</option>
            {(tools.data ?? [])
              .filter((t) => !t.archived)
              .map((t) => (
                <option key={t.id} value={`tool:${t.name}`}>
                  only {t.name}
                </option>
              ))}
          </select>
          <span className="hint">A slice of the split: one tool, or the examples that need no tool.</span>
        </div>
        <fieldset className="field">
          <legend>Matching</legend>
          <div className="segmented" role="radiogroup" aria-label="Argument matching">
            {MATCH_MODES.map((m) => (
              <label key={m} className={`seg${form.matchMode === m ? " is-on" : ""}`}>
                <input type="radio" name="match-mode" value={m} checked={form.matchMode === m} onChange={() => change({ matchMode: m })} />
                {m}
              </label>
            ))}
          </div>
          <span className="hint">{MATCH_MODE_HINT[form.matchMode]}</span>
        </fieldset>
        <NumberField
          id="eval-concurrency"
          label="Concurrency"
          value={form.concurrency}
          onChange={(v) => change({ concurrency: v })}
          min={1}
          max={EVAL_LIMITS.concurrency}
          error={err("concurrency")}
          hint="Requests in flight at once; lower it if the server answers 429."
        />
        <NumberField
          id="eval-max-tokens"
          label="Max tokens"
          value={form.maxTokens}
          onChange={(v) => change({ maxTokens: v })}
          min={16}
          max={EVAL_LIMITS.maxTokens}
          error={err("maxTokens")}
          hint="Per answer; a call cut short fails to parse."
        />
        <div className="field">
          <label htmlFor="eval-name">Name</label>
          <input
            id="eval-name"
            value={form.name}
            maxLength={120}
            onChange={(e) => change({ name: e.target.value })}
            placeholder={resolved.target ? `${resolved.target.model} on ${form.split}` : "optional"}
            aria-invalid={err("name") ? true : undefined}
            data-testid="eval-name-input"
          />
          {err("name") ? <span className="field-error">{err("name")}</span> : <span className="hint">Optional.</span>}
        </div>
      </div>
      {empty && form.split === "gold" ? (
        <p className="note">
          The gold split holds the examples set aside for evaluation, never used for training. Assign some on the{" "}
          <Link href={`/projects/${encodeURIComponent(projectId)}/data#split`}>Data</Link> tab (Split) or per example in the{" "}
          <Link href={`/projects/${encodeURIComponent(projectId)}/examples`}>Examples</Link> editor.
        </p>
      ) : null}
      {create.isError ? (
        <div className="error-note" role="alert">
          <p>
            <strong>The eval was not started: </strong>
            {create.error.message}
          </p>
          {server.other.length > 0 ? (
            <ul>
              {server.other.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending || empty} data-testid="start-eval">
          {create.isPending ? "Starting…" : "Start eval"}
        </button>
        <span className="muted small">
          {tried && !body ? "Fix the highlighted fields to start." : "Runs in the background; the report fills in live."}
        </span>
      </div>
    </form>
  );
}

function NumberField(p: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  min: number;
  max: number;
  error?: string;
  hint: string;
}) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="number"
        inputMode="numeric"
        className="input-num"
        min={p.min}
        max={p.max}
        step={1}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={`${p.id}-hint`}
        data-testid={p.id}
      />
      <span id={`${p.id}-hint`} className={p.error ? "field-error" : "hint"}>
        {p.error ?? p.hint}
      </span>
    </div>
  );
}

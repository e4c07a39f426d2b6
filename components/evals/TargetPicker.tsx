"use client";

import Link from "next/link";
import type { EvalTargetsDto } from "@/lib/schemas/evals";
import { groupsOf, type NamedGroup, type TargetChoice, type TargetGroup } from "./target-choice";

interface Props {
  /** Prefixes element ids, so two pickers can share a page. */
  id: string;
  legend: string;
  targets: EvalTargetsDto;
  value: TargetChoice;
  onChange: (next: TargetChoice) => void;
  /** A problem with the choice (client or server), shown under it. */
  error?: string;
}

/** Which model to call: one trained here, an OpenAI or GPU-agent model by name, or a saved endpoint. */
export function TargetPicker({ id, legend, targets, value, onChange, error }: Props) {
  const groups = groupsOf(targets);
  const current = groups.find((g) => g.id === value.group);
  const set = (patch: Partial<TargetChoice>) => onChange({ ...value, ...patch });
  const errorId = `${id}-error`;
  return (
    <fieldset className="target-picker" data-testid={`${id}-picker`}>
      <legend>{legend}</legend>
      <div className="segmented target-groups" role="radiogroup" aria-label={`${legend}: where the model runs`}>
        {groups.map((g) => (
          <label
            key={g.id}
            className={`seg${value.group === g.id ? " is-on" : ""}${g.disabled ? " is-unavailable" : ""}`}
            title={g.disabled ?? undefined}
            data-testid={`${id}-group-${g.id}`}
          >
            <input
              type="radio"
              name={`${id}-group`}
              value={g.id}
              checked={value.group === g.id}
              onChange={() => set({ group: g.id as TargetGroup })}
            />
            {g.label}
            {g.disabled ? <span className="sr-only"> ({g.disabled})</span> : null}
          </label>
        ))}
      </div>
      <div className="target-body">
        {current?.disabled ? (
          <p className="hint warn-text" data-testid={`${id}-disabled`}>
            {current.label}: {current.disabled}.
            {current.id === "trained" ? " Models appear here when a run of this project succeeds." : null}
          </p>
        ) : value.group === "trained" ? (
          <Trained id={id} targets={targets} value={value} set={set} error={error} errorId={errorId} />
        ) : value.group === "endpoint" ? (
          <Endpoint id={id} targets={targets} value={value} set={set} error={error} errorId={errorId} />
        ) : (
          <ByName id={id} targets={targets} group={value.group} value={value} set={set} error={error} errorId={errorId} />
        )}
        {error ? (
          <span id={errorId} className="field-error" data-testid={`${id}-error`}>
            {error}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}

interface PartProps {
  id: string;
  targets: EvalTargetsDto;
  value: TargetChoice;
  set: (patch: Partial<TargetChoice>) => void;
  error?: string;
  errorId: string;
}

function Trained({ id, targets, value, set, error, errorId }: PartProps) {
  const chosen = targets.trained[Number(value.trained)];
  return (
    <div className="field">
      <label htmlFor={`${id}-trained`}>Model</label>
      <select
        id={`${id}-trained`}
        value={value.trained}
        onChange={(e) => set({ trained: e.target.value })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={`${id}-trained`}
      >
        {targets.trained.map((t, i) => (
          <option key={`${t.runId}|${t.model}`} value={String(i)}>
            {t.label || t.model}
          </option>
        ))}
      </select>
      {chosen && !chosen.label.includes(chosen.model) ? <code className="small muted model-id">{chosen.model}</code> : null}
    </div>
  );
}

const PLACEHOLDER: Record<NamedGroup, string> = {
  openai: "gpt-4o-mini, ft:gpt-4o-mini:…",
  gpu: "a model the agent serves",
  together: "Qwen/Qwen3-8B, or your fine-tuned model's name",
  fireworks: "accounts/<account>/models/<id>, your fine-tuned model (deployed)",
};

function ByName({ id, targets, group, value, set, error, errorId }: PartProps & { group: NamedGroup }) {
  const models = targets.backends.find((b) => b.id === group)?.models ?? [];
  const listId = `${id}-${group}-models`;
  return (
    <div className="field">
      <label htmlFor={`${id}-${group}-model`}>Model name</label>
      <input
        id={`${id}-${group}-model`}
        className="mono"
        list={listId}
        value={value[group]}
        onChange={(e) => set({ [group]: e.target.value })}
        placeholder={PLACEHOLDER[group]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid={`${id}-model`}
      />
      <datalist id={listId}>
        {models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      {models.length > 0 ? (
        <div className="quick-picks" aria-label="Suggestions">
          {models.slice(0, 6).map((m) => (
            <button
              key={m}
              type="button"
              className={`chip-btn mono${value[group] === m ? " is-on" : ""}`}
              onClick={() => set({ [group]: m })}
            >
              {m}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Endpoint({ id, targets, value, set, error, errorId }: PartProps) {
  const ep = targets.endpoints.find((e) => e.id === value.endpointId);
  if (targets.endpoints.length === 0)
    return (
      <p className="small">
        No saved endpoints. <Link href="/endpoints">Add an endpoint</Link> (vLLM, Ollama, llama.cpp or any OpenAI-compatible server).
      </p>
    );
  return (
    <div className="row row-top row-wrap">
      <div className="field grow">
        <label htmlFor={`${id}-endpoint`}>Endpoint</label>
        <select
          id={`${id}-endpoint`}
          value={value.endpointId}
          onChange={(e) => set({ endpointId: e.target.value, endpointModel: null })}
          data-testid={`${id}-endpoint`}
        >
          {!ep ? <option value="">Choose an endpoint…</option> : null}
          {targets.endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} — {e.baseUrl}
            </option>
          ))}
        </select>
        <Link href="/endpoints" className="small">
          Add or edit endpoints
        </Link>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-endpoint-model`}>Model name</label>
        <input
          id={`${id}-endpoint-model`}
          className="mono"
          value={value.endpointModel ?? ep?.defaultModel ?? ""}
          onChange={(e) => set({ endpointModel: e.target.value })}
          placeholder={ep?.defaultModel || "the model id the server expects"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          spellCheck={false}
          data-testid={`${id}-endpoint-model`}
        />
        {ep?.defaultModel ? <span className="hint">Default: {ep.defaultModel}</span> : null}
      </div>
    </div>
  );
}

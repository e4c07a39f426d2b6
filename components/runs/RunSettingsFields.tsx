"use client";

import { LORA_BACKENDS, type BackendId, type BackendInfo } from "@/lib/schemas/runs";
import { HyperField } from "./HyperField";
import { LoraFields } from "./LoraFields";
import { HYPER_KEYS, resolveChoice, type RunForm } from "./run-form";

interface Props {
  form: RunForm;
  backends: readonly BackendInfo[];
  errors: Record<string, string>;
  /** The field the server rejected last, shown as invalid until the next change. */
  serverField: string | null;
  onChange: (next: RunForm) => void;
  /** For the suggested max_seq_length of GPU runs. */
  longestExampleTokens?: number | null;
  /** For the GPU run's max_seq_length check with the model's own tokenizer. */
  projectId?: string;
}

export function RunSettingsFields({ form, backends, errors, serverField, onChange, longestExampleTokens, projectId }: Props) {
  const { backend, baseModel } = resolveChoice(form, backends);
  const invalid = (path: string) => (errors[path] || serverField === path ? true : undefined);
  const unconfigured = backends.filter((b) => !b.configured);
  return (
    <>
      <div className="field">
        <label htmlFor="run-backend">Backend</label>
        <select
          id="run-backend"
          value={backend?.id ?? ""}
          onChange={(e) => onChange({ ...form, backend: e.target.value as BackendId, baseModel: null })}
          aria-invalid={invalid("backend")}
          data-testid="run-backend"
        >
          {backends.map((b) => (
            <option key={b.id} value={b.id} disabled={!b.configured}>
              {b.label}
              {b.configured ? "" : ` — not configured (set ${b.missing.join(", ")})`}
            </option>
          ))}
        </select>
        {errors.backend ? <span className="field-error">{errors.backend}</span> : null}
        {backend?.costNote ? (
          <span className="hint" data-testid="backend-cost-note">
            {backend.costNote}
          </span>
        ) : null}
        {unconfigured.length > 0 && !errors.backend ? (
          <span className="hint">
            {unconfigured.map((b) => `${b.label}: set ${b.missing.join(", ")} in the server's environment and restart it.`).join(" ")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="run-model">Base model</label>
        {backend && backend.baseModels.length > 0 ? (
          <select
            id="run-model"
            value={baseModel}
            onChange={(e) => onChange({ ...form, baseModel: e.target.value })}
            aria-invalid={invalid("baseModel")}
            data-testid="run-base-model"
          >
            {!backend.baseModels.includes(baseModel) ? <option value={baseModel}>{baseModel}</option> : null}
            {backend.baseModels.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        ) : (
          <input
            id="run-model"
            className="mono"
            value={baseModel}
            onChange={(e) => onChange({ ...form, baseModel: e.target.value })}
            placeholder="base model id"
            aria-invalid={invalid("baseModel")}
            data-testid="run-base-model"
          />
        )}
        {errors.baseModel ? <span className="field-error">{errors.baseModel}</span> : null}
        {!errors.baseModel && backend?.note ? (
          <span className="hint warn-text" data-testid="backend-note">
            {backend.note}
          </span>
        ) : null}
      </div>
      {backend?.agents ? (
        <div className="field">
          <label htmlFor="run-agent">Agent</label>
          <select id="run-agent" value={form.agentId ?? ""} onChange={(e) => onChange({ ...form, agentId: e.target.value || null })} data-testid="run-agent">
            <option value="">Any agent that has the model (the pool)</option>
            {backend.agents.map((a) => (
              <option key={a.id} value={a.id} disabled={!a.baseModels.includes(baseModel)}>
                {a.name}: {a.online ? `online, ${a.busy}/${a.slots} busy` : "offline"}
                {a.baseModels.includes(baseModel) ? "" : " (does not have this model)"}
              </option>
            ))}
          </select>
          <span className="hint">A run pinned to an agent waits for it; on the pool it takes the first free agent with the model.</span>
        </div>
      ) : null}
      <div className="hyper-grid">
        {HYPER_KEYS.map((k) => (
          <HyperField
            key={k}
            name={k}
            value={form.hyper[k]}
            error={
              errors[`hyperparameters.${k}`] ?? (serverField === `hyperparameters.${k}` ? "rejected by the server (see below)" : undefined)
            }
            onChange={(v) => onChange({ ...form, hyper: { ...form.hyper, [k]: v } })}
          />
        ))}
      </div>
      {backend && LORA_BACKENDS.includes(backend.id) ? (
        <LoraFields
          backend={backend.id}
          value={form.lora}
          longestExampleTokens={longestExampleTokens}
          errors={errors}
          onChange={(lora) => onChange({ ...form, lora })}
          tokenCheck={backend.id === "gpu" && projectId ? { projectId, baseModel, agentId: form.agentId ?? null } : undefined}
        />
      ) : null}
      <div className="row row-top row-wrap">
        <div className="field grow">
          <label htmlFor="run-suffix">Suffix</label>
          <input
            id="run-suffix"
            className="mono"
            value={form.suffix}
            maxLength={40}
            onChange={(e) => onChange({ ...form, suffix: e.target.value })}
            placeholder="e.g. router-v2"
            aria-invalid={invalid("suffix")}
            aria-describedby="run-suffix-hint"
          />
          <span id="run-suffix-hint" className={errors.suffix ? "field-error" : "hint"}>
            {errors.suffix ?? "Part of the fine-tuned model's name: letters, digits, '_' and '-', up to 40."}
          </span>
        </div>
        <div className="field">
          <label htmlFor="run-seed">Seed</label>
          <input
            id="run-seed"
            type="number"
            inputMode="numeric"
            className="input-num"
            min={0}
            step={1}
            value={form.seed}
            onChange={(e) => onChange({ ...form, seed: e.target.value })}
            placeholder="random"
            aria-invalid={invalid("seed")}
            aria-describedby="run-seed-hint"
          />
          <span id="run-seed-hint" className={errors.seed ? "field-error" : "hint"}>
            {errors.seed ?? "Same seed and data: a repeatable run."}
          </span>
        </div>
      </div>
    </>
  );
}

"use client";

import { useState } from "react";
import { LORA_DEFAULTS, type BackendId, type LoraSettings } from "@/lib/schemas/runs";
import { formatCount } from "@/lib/client/format";
import {
  LORA_LABELS,
  LORA_NUMBER_KEYS,
  LORA_PRESETS,
  applyLoraPreset,
  loraBody,
  loraPresetOf,
  suggestedMaxSeqLength,
  type LoraInput,
} from "./lora-form";
import { loraSummary } from "./labels";
import { TokenCheck } from "./TokenCheck";

/** Together AI takes these of the settings (training_type Lora, learning_rate); the rest are the GPU agent's. */
const TOGETHER_KEYS: readonly (typeof LORA_NUMBER_KEYS)[number][] = ["r", "lora_alpha", "lora_dropout", "learning_rate"];

/**
 * LoRA settings of a run: a preset to pick, and every setting in an "Advanced" section, closed until
 * opened (or until one of its fields has an error). Every field starts empty and means its default,
 * shown as the placeholder.
 */
export function LoraFields({
  backend = "gpu",
  value,
  longestExampleTokens,
  errors,
  onChange,
  tokenCheck,
}: {
  backend?: BackendId;
  value: LoraInput;
  longestExampleTokens: number | null | undefined;
  errors: Record<string, string>;
  onChange: (v: LoraInput) => void;
  /** GPU runs: what the max_seq_length check with the model's own tokenizer needs. */
  tokenCheck?: { projectId: string; baseModel: string; agentId: string | null };
}) {
  const suggested = suggestedMaxSeqLength(longestExampleTokens);
  const placeholder = (k: (typeof LORA_NUMBER_KEYS)[number]) =>
    k === "max_seq_length" ? String(suggested) : k === "max_steps" ? "epochs" : String(LORA_DEFAULTS[k]);
  const hosted = backend === "together";
  const keys = hosted ? TOGETHER_KEYS : LORA_NUMBER_KEYS;
  const [opened, setOpened] = useState(false);
  const hasError = Object.keys(errors).some((k) => k.startsWith("lora."));
  const preset = loraPresetOf(value);
  const chosen = LORA_PRESETS.find((p) => p.id === preset);
  return (
    <fieldset className="panel-sub stack-tight" data-testid="lora-fields">
      <legend className="panel-title">{hosted ? "LoRA on Together AI" : "LoRA on the GPU agent"}</legend>
      <div className="row row-wrap">
        <div className="segmented" role="radiogroup" aria-label="LoRA preset" data-testid="lora-presets">
          {LORA_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              aria-checked={preset === p.id}
              className={preset === p.id ? "is-on" : undefined}
              onClick={() => onChange(applyLoraPreset(value, p))}
              data-testid={`lora-preset-${p.id}`}
            >
              {p.label}
            </button>
          ))}
        </div>
        <span className="hint" data-testid="lora-preset-hint">
          {chosen ? chosen.hint : "Custom settings (see Advanced)."}
        </span>
      </div>
      <details
        className="lora-advanced"
        open={opened || hasError}
        onToggle={(e) => setOpened(e.currentTarget.open)}
        data-testid="lora-advanced"
      >
        <summary>
          Advanced <span className="muted small">{advancedSummary(loraBody(value, longestExampleTokens), hosted)}</span>
        </summary>
        <div className="stack-tight lora-advanced-body">
          {hosted ? (
            <p className="hint">
              Together trains a LoRA adapter with these settings (its own defaults for the rest); the epochs and batch size above apply.
            </p>
          ) : (
            <p className="hint">
              Defaults suit small models (r 16, alpha 16, 4-bit). max_seq_length is suggested from the longest training example
              {longestExampleTokens ? ` (about ${formatCount(longestExampleTokens)} tokens)` : ""}.
            </p>
          )}
          <div className="hyper-grid">
            {keys.map((k) => {
              const error = errors[`lora.${k}`];
              return (
                <div className="field" key={k}>
                  <label htmlFor={`lora-${k}`}>{LORA_LABELS[k].label}</label>
                  <input
                    id={`lora-${k}`}
                    type="number"
                    inputMode="decimal"
                    className="input-num"
                    step={LORA_LABELS[k].step}
                    placeholder={placeholder(k)}
                    value={value.numbers[k]}
                    onChange={(e) => onChange({ ...value, numbers: { ...value.numbers, [k]: e.target.value } })}
                    aria-invalid={error ? true : undefined}
                    data-testid={`lora-${k}`}
                  />
                  <span className={error ? "field-error" : "hint"}>{error ?? LORA_LABELS[k].hint}</span>
                </div>
              );
            })}
          </div>
          {hosted || !tokenCheck ? null : (
            <TokenCheck
              projectId={tokenCheck.projectId}
              input={{
                baseModel: tokenCheck.baseModel,
                agentId: tokenCheck.agentId,
                max_seq_length: loraBody(value, longestExampleTokens).max_seq_length,
                chat_template: value.chat_template.trim() || null,
              }}
              onUse={(n) => onChange({ ...value, numbers: { ...value.numbers, max_seq_length: String(n) } })}
            />
          )}
          {hosted ? null : (
            <div className="row row-wrap row-top">
              <label className="check">
                <input
                  type="checkbox"
                  checked={value.load_in_4bit}
                  onChange={(e) => onChange({ ...value, load_in_4bit: e.target.checked })}
                  data-testid="lora-4bit"
                />
                load in 4-bit (QLoRA: about a quarter of the memory)
              </label>
              <div className="field">
                <label htmlFor="lora-save">Save</label>
                <select
                  id="lora-save"
                  value={value.save_method}
                  onChange={(e) => onChange({ ...value, save_method: e.target.value as LoraInput["save_method"] })}
                >
                  <option value="lora">LoRA adapter</option>
                  <option value="merged_16bit">adapter + merged 16-bit weights</option>
                  <option value="merged_4bit">adapter + merged 4-bit weights</option>
                </select>
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor="lora-modules">Target modules</label>
            <input
              id="lora-modules"
              className="mono"
              value={value.target_modules}
              onChange={(e) => onChange({ ...value, target_modules: e.target.value })}
              aria-invalid={errors["lora.target_modules"] ? true : undefined}
            />
            <span className={errors["lora.target_modules"] ? "field-error" : "hint"}>
              {errors["lora.target_modules"] ?? 'comma-separated, or "all-linear"'}
            </span>
          </div>
          {hosted ? null : (
            <div className="field">
              <label htmlFor="lora-template">Chat template</label>
              <input
                id="lora-template"
                className="mono"
                value={value.chat_template}
                placeholder="the model's own"
                onChange={(e) => onChange({ ...value, chat_template: e.target.value })}
              />
              <span className="hint">
                An Unsloth template name (qwen-2.5, llama-3.1, chatml…) when the model&apos;s own has no tool support.
              </span>
            </div>
          )}
        </div>
      </details>
    </fieldset>
  );
}

/** What the closed section holds, in one line; Together takes only rank, alpha, dropout and rate. */
function advancedSummary(l: LoraSettings, hosted: boolean): string {
  return hosted ? `r ${l.r} · alpha ${l.lora_alpha} · dropout ${l.lora_dropout} · lr ${l.learning_rate}` : loraSummary(l);
}

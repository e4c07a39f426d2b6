"use client";

import { MAX_SWEEP_RUNS, SWEEP_KEYS, SWEEP_KEY_NAMES, type SweepAxis, type SweepKey } from "@/lib/schemas/sweeps";

export interface SweepForm {
  on: boolean;
  name: string;
  axes: { key: SweepKey; text: string }[];
}

export const EMPTY_SWEEP: SweepForm = { on: false, name: "", axes: [{ key: "hyperparameters.n_epochs", text: "" }] };

const HINT: Record<SweepKey, string> = {
  "hyperparameters.n_epochs": "2, 3, 4",
  "hyperparameters.batch_size": "4, 8",
  "hyperparameters.learning_rate_multiplier": "0.5, 1, 2",
  "lora.r": "8, 16, 32",
  "lora.lora_alpha": "16, 32",
  "lora.learning_rate": "0.0001, 0.0002",
  baseModel: "model-a, model-b",
  target: "gpu|Qwen/Qwen2.5-0.5B-Instruct, together|Qwen/Qwen3-8B",
};

/** The axes as the API takes them: numbers for numeric settings, names otherwise; blank entries dropped. */
export function sweepAxes(form: SweepForm): SweepAxis[] {
  return form.axes.map(({ key, text }) => {
    const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
    const numeric = SWEEP_KEYS[key].kind === "int" || SWEEP_KEYS[key].kind === "number";
    return { key, values: numeric ? parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p)) : parts };
  });
}

export const sweepSize = (form: SweepForm) => sweepAxes(form).reduce((n, a) => n * a.values.length, 1);

/** "Vary settings": one run per combination of the values given, overlaid on one sweep page. */
export function SweepFields({ value, onChange, error }: { value: SweepForm; onChange: (v: SweepForm) => void; error?: string }) {
  const size = sweepSize(value);
  const set = (i: number, patch: Partial<SweepForm["axes"][number]>) => onChange({ ...value, axes: value.axes.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return (
    <fieldset className="panel-sub stack-tight" data-testid="sweep-fields">
      <label className="check">
        <input type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} data-testid="sweep-on" />
        Sweep: start one run per combination of values (up to {MAX_SWEEP_RUNS}), compared on one page
      </label>
      {value.on ? (
        <>
          <div className="field">
            <label htmlFor="sweep-name">Sweep name</label>
            <input id="sweep-name" value={value.name} maxLength={80} onChange={(e) => onChange({ ...value, name: e.target.value })} placeholder="lr × rank" data-testid="sweep-name" />
          </div>
          {value.axes.map((a, i) => (
            <div className="row row-top row-wrap" key={i}>
              <div className="field">
                <label htmlFor={`sweep-key-${i}`}>Vary</label>
                <select id={`sweep-key-${i}`} value={a.key} onChange={(e) => set(i, { key: e.target.value as SweepKey })} data-testid={`sweep-key-${i}`}>
                  {SWEEP_KEY_NAMES.map((k) => (
                    <option key={k} value={k}>
                      {k === "target" ? "backend and model" : k}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field grow">
                <label htmlFor={`sweep-values-${i}`}>Values</label>
                <input id={`sweep-values-${i}`} className="mono" value={a.text} placeholder={HINT[a.key]} onChange={(e) => set(i, { text: e.target.value })} data-testid={`sweep-values-${i}`} />
              </div>
              {value.axes.length > 1 ? (
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange({ ...value, axes: value.axes.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              ) : null}
            </div>
          ))}
          <div className="row">
            {value.axes.length < 3 ? (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => onChange({ ...value, axes: [...value.axes, { key: SWEEP_KEY_NAMES.find((k) => !value.axes.some((a) => a.key === k))!, text: "" }] })}
                data-testid="sweep-add-axis"
              >
                Vary another setting
              </button>
            ) : null}
            <span className={size > MAX_SWEEP_RUNS ? "field-error" : "muted small"} data-testid="sweep-size">
              {size} run{size === 1 ? "" : "s"}
              {size > MAX_SWEEP_RUNS ? `: at most ${MAX_SWEEP_RUNS}` : ""}
            </span>
          </div>
          {error ? <span className="field-error">{error}</span> : null}
        </>
      ) : null}
    </fieldset>
  );
}

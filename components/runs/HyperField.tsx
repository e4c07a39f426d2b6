"use client";

import { useId } from "react";
import { HYPER_LABEL } from "./labels";
import { HYPER_LIMITS, type HyperInput, type HyperKey } from "./run-form";

/** One hyperparameter: "auto" (OpenAI picks from the dataset size) or a number within OpenAI's limits. */
export function HyperField({
  name,
  value,
  error,
  onChange,
}: {
  name: HyperKey;
  value: HyperInput;
  error?: string;
  onChange: (v: HyperInput) => void;
}) {
  const id = useId();
  const lim = HYPER_LIMITS[name];
  return (
    <fieldset className="field hyper-field" data-testid={`hyper-${name}`}>
      <legend>{HYPER_LABEL[name]}</legend>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={value.auto} onChange={(e) => onChange({ ...value, auto: e.target.checked })} />
          auto
        </label>
        <label htmlFor={id} className="sr-only">
          {HYPER_LABEL[name]} value
        </label>
        <input
          id={id}
          type="number"
          inputMode="decimal"
          className="input-num"
          min={lim.min}
          max={lim.max}
          step={lim.step}
          placeholder={value.auto ? "auto" : lim.placeholder}
          disabled={value.auto}
          value={value.auto ? "" : value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <span id={`${id}-hint`} className={error ? "field-error" : "hint"}>
        {error ?? lim.hint}
      </span>
    </fieldset>
  );
}

"use client";

import { useId } from "react";

export interface ChartSettings {
  x: "step" | "epoch";
  /** EMA weight, 0 (off) to 0.99. */
  smoothing: number;
  logScale: boolean;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { x: "step", smoothing: 0.6, logScale: false };

/** x axis (step / epoch), smoothing slider and log scale: the same controls on every loss chart. */
export function ChartControls({ value, onChange }: { value: ChartSettings; onChange: (next: ChartSettings) => void }) {
  const id = useId();
  return (
    <div className="chart-controls row row-wrap" role="group" aria-label="Chart settings">
      <div className="segmented" role="radiogroup" aria-label="x axis">
        {(["step", "epoch"] as const).map((x) => (
          <button
            key={x}
            type="button"
            role="radio"
            aria-checked={value.x === x}
            className={value.x === x ? "is-on" : undefined}
            onClick={() => onChange({ ...value, x })}
            data-testid={`x-axis-${x}`}
          >
            {x === "step" ? "Steps" : "Epochs"}
          </button>
        ))}
      </div>
      <label htmlFor={`${id}-smooth`} className="small chart-smoothing">
        Smoothing
        <input
          id={`${id}-smooth`}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={value.smoothing}
          onChange={(e) => onChange({ ...value, smoothing: Number(e.target.value) })}
          aria-valuetext={value.smoothing === 0 ? "off" : value.smoothing.toFixed(2)}
          data-testid="smoothing"
        />
        <output htmlFor={`${id}-smooth`} className="mono">
          {value.smoothing === 0 ? "off" : value.smoothing.toFixed(2)}
        </output>
      </label>
      <label className="check small">
        <input
          type="checkbox"
          checked={value.logScale}
          onChange={(e) => onChange({ ...value, logScale: e.target.checked })}
          data-testid="log-scale"
        />
        Log scale
      </label>
    </div>
  );
}

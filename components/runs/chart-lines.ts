// From the prepared chart (lib/training/prepare) to what each recharts <Line> draws. Pure.
//
// prepareLossSeries puts every series on one grid of x values, so a series has nulls wherever
// another one was measured (or kept by downsampling). Drawing that grid with connectNulls={false}
// would shred every line; drawing it with connectNulls={true} would bridge real logging gaps. So
// each series gets its own rows (only its measured x values) plus one null row inside every gap
// prepare found: with connectNulls={false}, a line then breaks exactly where logging stopped.
import type { ChartRow, PreparedChart, SeriesInfo, SeriesKind } from "@/lib/training/prepare";

export interface LineSpec {
  info: SeriesInfo;
  rows: ChartRow[];
  colour: string;
  dashed: boolean;
  /** Drawn as dots only (epoch-end measurements, or too few points for a line). */
  dotsOnly: boolean;
  name: string;
}

export const SERIES_NAME: Record<SeriesKind, string> = {
  train: "train loss",
  valid: "validation loss",
  fullValid: "full validation loss",
  trainAcc: "train token accuracy",
  validAcc: "validation token accuracy",
  fullValidAcc: "full validation token accuracy",
};

const VALIDATION: ReadonlySet<SeriesKind> = new Set(["valid", "validAcc", "fullValid", "fullValidAcc"]);
const EPOCH_END: ReadonlySet<SeriesKind> = new Set(["fullValid", "fullValidAcc"]);

/** One run's own colours: train blue, validation orange, full validation dark orange (globals.css, per theme). */
export const SINGLE_RUN_COLOURS: Record<SeriesKind, string> = {
  train: "var(--chart-train)",
  valid: "var(--chart-valid)",
  fullValid: "var(--chart-full-valid)",
  trainAcc: "var(--chart-train)",
  validAcc: "var(--chart-valid)",
  fullValidAcc: "var(--chart-full-valid)",
};

export type ColourBy = { kind: "series" } | { kind: "run"; colourOf: (runId: string) => string };

export function lineSpecs(chart: PreparedChart, by: ColourBy): LineSpec[] {
  return chart.series.map((info) => ({
    info,
    rows: rowsOf(chart.rows, info),
    colour: by.kind === "series" ? SINGLE_RUN_COLOURS[info.series] : by.colourOf(info.runId),
    dashed: VALIDATION.has(info.series) && !EPOCH_END.has(info.series),
    dotsOnly: EPOCH_END.has(info.series) || info.drawn <= 1,
    name: by.kind === "series" ? SERIES_NAME[info.series] : `${info.label} ${SERIES_NAME[info.series]}`,
  }));
}

/** The rows where this series has a value, with a null row in the middle of each logging gap. */
export function rowsOf(rows: readonly ChartRow[], info: SeriesInfo): ChartRow[] {
  const out: ChartRow[] = [];
  let g = 0;
  for (const row of rows) {
    const v = row[info.key] ?? null;
    const raw = row[info.rawKey] ?? null;
    if (v === null && raw === null) continue;
    while (g < info.gaps.length && info.gaps[g][1] <= row.x) {
      const [a, b] = info.gaps[g++];
      if (out.length > 0 && out[out.length - 1].x <= a) out.push({ x: (a + b) / 2, [info.key]: null, [info.rawKey]: null });
    }
    out.push({ x: row.x, [info.key]: v, [info.rawKey]: raw });
  }
  return out;
}

/** 1, 2, 2.5, 5 or 10 times a power of ten: the tick spacing nearest above `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/**
 * Round ticks for the x axis (recharts would cut the exact data range into equal parts: 1, 41, 81…).
 * Steps are whole numbers; the epoch axis starts at a whole epoch so epoch boundaries line up across runs.
 */
export function xAxisOf(
  domain: [number, number] | undefined,
  axis: "step" | "epoch",
  count = 8,
): { domain: [number, number]; ticks: number[] } {
  if (!domain) return { domain: [0, 1], ticks: [0, 1] };
  const lo = axis === "epoch" ? Math.floor(domain[0]) : domain[0];
  const hi = Math.max(domain[1], lo + (axis === "epoch" ? 0.25 : 1));
  let step = niceStep((hi - lo) / count);
  if (axis === "step" || hi - lo >= 2) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
  return { domain: [lo, hi], ticks };
}

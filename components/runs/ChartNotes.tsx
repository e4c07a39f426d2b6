import type { PreparedChart } from "@/lib/training/prepare";
import { SERIES_NAME } from "./chart-lines";

/** What the chart leaves out and why: downsampling, values a log axis cannot show, points with no epoch, absent series. */
export function ChartNotes({ chart, x, maxPoints }: { chart: PreparedChart; x: "step" | "epoch"; maxPoints: number }) {
  const notes: string[] = [];
  if (chart.downsampled) notes.push(`Long curves are drawn with at most ${maxPoints} points per line; every spike and dip is kept.`);
  if (chart.droppedNonPositive > 0) notes.push(`${chart.droppedNonPositive} values of 0 or below are hidden on the log scale.`);
  const unplaced = chart.runs.reduce((n, r) => n + r.unplaced, 0);
  if (x === "epoch" && unplaced > 0) notes.push(`${unplaced} points carry no epoch and are left off the epoch axis.`);
  const absent = chart.absent.map((k) => k.slice(k.lastIndexOf(":") + 1)).filter((k): k is keyof typeof SERIES_NAME => k in SERIES_NAME);
  if (absent.includes("valid")) notes.push("No validation loss: the run had no validation file, or the backend has not measured it yet.");
  if (notes.length === 0) return null;
  return (
    <ul className="chart-notes hint">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

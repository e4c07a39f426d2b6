// The confusion matrix, prepared for an HTML table: which rows and columns to show, each cell's
// row-normalised share, its kind (hit, wrong tool, other miss) and its colour. Rendering decides nothing.
import { INVALID_LABEL, NO_TOOL_LABEL, type EvalSummary } from "@/lib/scoring/types";
import { formatCount } from "@/lib/client/format";

/**
 * diagonal: gold = predicted. wrong_tool: one real tool mistaken for another (silent corruption).
 * other: a no_tool / invalid column, or a false call (gold no_tool, predicted a tool).
 */
export type CellKind = "diagonal" | "wrong_tool" | "other";

export interface HeatCell {
  predicted: string;
  count: number;
  /** count / the row's total, 0 when the row is empty. */
  share: number;
  kind: CellKind;
  /** CSS colour; "transparent" for empty cells. */
  background: string;
  /** Light text on dark cells. */
  dark: boolean;
}

export interface HeatRow {
  gold: string;
  total: number;
  cells: HeatCell[];
}

export interface PreparedConfusion {
  columns: string[];
  rows: HeatRow[];
  /** Gold labels left out because no example has them (tools without gold examples). */
  hiddenRows: number;
}

// RGB of the three scales: --ok-zone, --danger, --warn-zone.
const RGB: Record<CellKind, string> = { diagonal: "30, 127, 71", wrong_tool: "191, 51, 40", other: "214, 140, 30" };

const isTool = (label: string) => label !== NO_TOOL_LABEL && label !== INVALID_LABEL;

export function cellKind(gold: string, predicted: string): CellKind {
  if (gold === predicted) return "diagonal";
  return isTool(gold) && isTool(predicted) ? "wrong_tool" : "other";
}

/** Opacity grows with the share; any non-zero cell is visible (at least 0.12). */
export function cellColour(kind: CellKind, count: number, share: number): { background: string; dark: boolean } {
  if (count === 0) return { background: "transparent", dark: false };
  const alpha = Math.round((0.12 + 0.78 * Math.min(1, Math.max(0, share))) * 100) / 100;
  return { background: `rgba(${RGB[kind]}, ${alpha})`, dark: alpha >= 0.55 };
}

/**
 * Rows: gold labels that occur (never "invalid": a gold answer is always valid). Columns: every row
 * label, plus any predicted label that occurs (a tool the model chose with no gold, "invalid"), in
 * the summary's order so the diagonal runs corner to corner.
 */
export function prepareConfusion(confusion: EvalSummary["confusion"]): PreparedConfusion {
  const { labels, counts } = confusion;
  const rowTotal = (i: number) => (counts[i] ?? []).reduce((s, n) => s + n, 0);
  const colTotal = (j: number) => counts.reduce((s, row) => s + (row[j] ?? 0), 0);
  const rowIdx = labels.map((_, i) => i).filter((i) => labels[i] !== INVALID_LABEL && rowTotal(i) > 0);
  const shownRows = new Set(rowIdx.map((i) => labels[i]));
  const colIdx = labels.map((_, j) => j).filter((j) => shownRows.has(labels[j]) || colTotal(j) > 0);
  const rows = rowIdx.map((i) => {
    const total = rowTotal(i);
    const cells = colIdx.map((j) => {
      const count = counts[i]?.[j] ?? 0;
      const share = total > 0 ? count / total : 0;
      const kind = cellKind(labels[i], labels[j]);
      return { predicted: labels[j], count, share, kind, ...cellColour(kind, count, share) };
    });
    return { gold: labels[i], total, cells };
  });
  const hiddenRows = labels.filter((l, i) => l !== INVALID_LABEL && rowTotal(i) === 0).length;
  return { columns: colIdx.map((j) => labels[j]), rows, hiddenRows };
}

/** The cell's title: "track_order → escalate: 3 of 12 (25%)". */
export function cellTitle(gold: string, cell: HeatCell, total: number): string {
  const pct = total > 0 ? ` (${Math.round(cell.share * 100)}%)` : "";
  const what = cell.kind === "diagonal" ? "right" : cell.kind === "wrong_tool" ? "wrong tool" : "miss";
  return `gold ${gold} → predicted ${cell.predicted}: ${formatCount(cell.count)} of ${formatCount(total)}${pct}, ${what}`;
}

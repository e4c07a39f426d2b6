// OpenAI fine-tuning results files (`result_files[0]` of a finished job) → MetricPoint[].
// Newer jobs return the CSV as is; older ones return it base64-encoded (the cookbook decodes it with
// `base64.b64decode`), so both are accepted. Pure: takes the file's content, never fetches it.
import { emptyPoint, type MetricField, type MetricPoint } from "./types";

/** A results file that cannot be read; `line` is 1-based, counting the header as line 1. */
export class ResultsCsvError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `results file: ${message}` : `results file line ${line}: ${message}`);
    this.name = "ResultsCsvError";
  }
}

/**
 * Header names → MetricPoint fields. Older files say `train_accuracy`, newer ones
 * `train_mean_token_accuracy`; where a file has both, the first non-empty cell wins. Columns not
 * listed here are ignored, so a new column OpenAI adds does not break the import.
 */
const COLUMNS: Readonly<Record<string, MetricField>> = {
  epoch: "epoch",
  train_loss: "trainLoss",
  train_accuracy: "trainAccuracy",
  train_mean_token_accuracy: "trainAccuracy",
  valid_loss: "validLoss",
  valid_accuracy: "validAccuracy",
  valid_mean_token_accuracy: "validAccuracy",
  full_valid_loss: "fullValidLoss",
  full_valid_accuracy: "fullValidAccuracy",
  full_valid_mean_token_accuracy: "fullValidAccuracy",
  learning_rate: "learningRate",
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Accepts a string or bytes (a Node Buffer is a Uint8Array); the result is sorted by step. */
export function parseResultsCsv(content: string | Uint8Array): MetricPoint[] {
  const text = decodeBody(typeof content === "string" ? stripBom(content) : new TextDecoder("utf-8").decode(content));
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(",").map(cleanCell);
  const stepIndex = header.indexOf("step");
  if (stepIndex < 0) throw new ResultsCsvError(`the header has no "step" column (found ${header.join(",")})`, 1);
  const fields = header.map((name) => COLUMNS[name] ?? null);

  const points: MetricPoint[] = [];
  const lineOfStep = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if (lines[i].trim() === "") continue; // the trailing newline, or a blank line
    const cells = lines[i].split(",").map(cleanCell);
    if (cells.length !== header.length) {
      throw new ResultsCsvError(`expected ${header.length} cells (${header.join(",")}), found ${cells.length}`, lineNo);
    }
    const step = Number(cells[stepIndex]);
    if (cells[stepIndex] === "" || !Number.isInteger(step) || step < 0) {
      throw new ResultsCsvError(`step "${cells[stepIndex]}" is not a whole number ≥ 0`, lineNo);
    }
    const earlier = lineOfStep.get(step);
    if (earlier !== undefined) throw new ResultsCsvError(`step ${step} repeats line ${earlier}`, lineNo);
    lineOfStep.set(step, lineNo);

    const point = emptyPoint(step);
    cells.forEach((cell, c) => {
      const field = fields[c];
      if (field === null || point[field] !== null) return;
      point[field] = parseValue(cell, header[c], lineNo);
    });
    points.push(point);
  }
  return points.sort((a, b) => a.step - b.step);
}

/** Plain CSV passes through; a body whose first line has no comma must be base64 of a CSV. */
function decodeBody(text: string): string {
  if (text.trim() === "") throw new ResultsCsvError("the file is empty");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(",")) return text;
  const compact = text.replace(/\s+/g, "");
  if (BASE64.test(compact) && compact.length % 4 === 0) {
    const decoded = stripBom(decodeBase64(compact));
    if (decoded.startsWith("step,")) return decoded;
  }
  const shown = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
  throw new ResultsCsvError(`expected a CSV header starting with "step," or base64 of one, found "${shown}"`, 1);
}

function decodeBase64(b64: string): string {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder("utf-8").decode(bytes);
}

/** Empty → null (not measured). A literal `nan` is what a diverged step logs: also null, not 0. */
function parseValue(cell: string, column: string, lineNo: number): number | null {
  if (cell === "" || cell.toLowerCase() === "nan") return null;
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new ResultsCsvError(`${column} "${cell}" is not a number`, lineNo);
  return value;
}

function cleanCell(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Reading flag values. A wrong value is a UsageError: main.ts prints it as one line naming the flag
// and what it accepts, and exits 2, so a pipeline's log says what to fix.
import { UsageError } from "./score-input";

export { UsageError };

const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}; got ${shown(value)}`);
  return value as T;
}

/** A number flag within [min, max] (a whole number when `integer`). */
export function numberIn(value: unknown, flag: string, { min, max, integer = false }: { min: number; max?: number; integer?: boolean }): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  const what = integer ? `a whole number ${range}` : `a number ${range}`;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || (max !== undefined && n > max)) throw new UsageError(`${flag} must be ${what}; got ${shown(value)}`);
  return n;
}

export function required(value: unknown, flag: string, what: string): string {
  if (typeof value !== "string" || value === "") throw new UsageError(`${flag} is required (${what})`);
  return value;
}

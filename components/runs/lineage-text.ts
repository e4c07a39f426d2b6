// Words of the before/after-DPO panel. Pure, so they are unit-tested.
import type { LineageEvalDto } from "@/lib/schemas/runs";

type Rate = LineageEvalDto["falseToolCallRate"];

/** "−14.3 pts" / "+2.0 pts" / "—": the change of a rate between the parent's eval and this run's. */
export function changeText(before: Rate | undefined, after: Rate | undefined): string {
  if (before?.value == null || after?.value == null) return "—";
  const d = (after.value - before.value) * 100;
  return `${d > 0 ? "+" : d < 0 ? "−" : "±"}${Math.abs(d).toFixed(1)} pts`;
}

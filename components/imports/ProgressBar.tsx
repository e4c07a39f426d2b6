import { ProgressBar as Bar } from "@/components/ui/ProgressBar";

/** A labelled progress bar: `value` is 0..1; `text` says what the fraction is of ("120 of 300 records"). */
export function ProgressBar({ value, label, text, testId }: { value: number; label: string; text: string; testId?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return <Bar label={label} pct={pct} text={text} testId={testId} />;
}

// Dates and small text helpers for display. Pure (the clock is a parameter) so they are testable.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "yesterday 14:05", "3 Mar 14:05", "3 Mar 2025". */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const diff = now.getTime() - t.getTime();
  if (diff < 45_000 && diff > -60_000) return "just now";
  if (diff >= 0 && diff < HOUR) return `${Math.round(diff / MINUTE)} min ago`;
  if (diff >= 0 && diff < 6 * HOUR) return `${Math.floor(diff / HOUR)} h ago`;
  const hm = `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
  if (sameDay(t, now)) return `today ${hm}`;
  if (sameDay(t, new Date(now.getTime() - DAY))) return `yesterday ${hm}`;
  const month = t.toLocaleString("en-GB", { month: "short" });
  if (t.getFullYear() === now.getFullYear()) return `${t.getDate()} ${month} ${hm}`;
  return `${t.getDate()} ${month} ${t.getFullYear()}`;
}

/** The full timestamp, for title attributes. */
export function formatExact(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const counts = new Intl.NumberFormat("en-US");

/** A count with thousands separators ("19,047"), the same in every locale so screens and tests agree. */
export const formatCount = (n: number): string => counts.format(n);

/** "1 example", "19,047 examples". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "a, b , ,c" -> ["a", "b", "c"] */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

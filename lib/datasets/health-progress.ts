// How far a health report being computed is: the worker's throttled progress and what the panel
// shows of it. Pure and client-safe.

export interface HealthProgress {
  done: number;
  total: number;
}

/**
 * Calls `report` with the lines done so far at most once per `everyMs` (each call is a Redis write),
 * and always for the first line and the last one, so the bar starts and ends where it should.
 */
export function throttledProgress(total: number, report: (p: HealthProgress) => void, everyMs = 250, now: () => number = Date.now) {
  let last = -Infinity;
  return (done: number) => {
    const t = now();
    if (done === 1 || done >= total || t - last >= everyMs) {
      last = t;
      report({ done: Math.min(done, total), total });
    }
  };
}

/** "1,234 of 5,000 examples" and the bar's width in percent (0–100, whole numbers). */
export function progressLabel({ done, total }: HealthProgress): { text: string; percent: number } {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const clamped = Math.max(0, Math.min(done, total));
  const percent = total > 0 ? Math.floor((clamped / total) * 100) : 0;
  return { text: `${fmt(clamped)} of ${fmt(total)} example${total === 1 ? "" : "s"}`, percent };
}

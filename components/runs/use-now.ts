"use client";

import { useEffect, useState } from "react";

/** The clock, ticking every `intervalMs` while `active` (durations and ETAs of live runs). */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, active]);
  return now;
}

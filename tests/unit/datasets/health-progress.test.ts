import { describe, expect, it } from "vitest";
import { progressLabel, throttledProgress, type HealthProgress } from "@/lib/datasets/health-progress";

describe("throttledProgress", () => {
  function run(total: number, times: number[]) {
    const seen: HealthProgress[] = [];
    let i = 0;
    const onLine = throttledProgress(
      total,
      (p) => seen.push(p),
      250,
      () => times[i],
    );
    for (i = 0; i < times.length; i++) onLine(i + 1);
    return seen.map((p) => p.done);
  }

  it("reports the first line, then at most once per interval, and always the last line", () => {
    // 10 lines at 100 ms apart: 1 (first), then 250 ms later and so on, and 10 (last).
    expect(run(10, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])).toEqual([1, 4, 7, 10]);
  });

  it("reports every line when they are far apart, and a one-line split once", () => {
    expect(run(3, [0, 1000, 2000])).toEqual([1, 2, 3]);
    expect(run(1, [0])).toEqual([1]);
  });

  it("never reports more lines than the total it was given (rows added while counting)", () => {
    const seen: HealthProgress[] = [];
    const onLine = throttledProgress(
      2,
      (p) => seen.push(p),
      250,
      () => 0,
    );
    for (let n = 1; n <= 4; n++) onLine(n);
    expect(seen.every((p) => p.done <= p.total)).toBe(true);
    expect(seen.at(-1)).toEqual({ done: 2, total: 2 });
  });
});

describe("progressLabel", () => {
  it("says how many examples of how many, with thousands separators", () => {
    expect(progressLabel({ done: 1234, total: 100_000 })).toEqual({ text: "1,234 of 100,000 examples", percent: 1 });
    expect(progressLabel({ done: 100_000, total: 100_000 })).toEqual({ text: "100,000 of 100,000 examples", percent: 100 });
  });

  it("does not reach 100% before the last example, and handles an empty or overshooting count", () => {
    expect(progressLabel({ done: 99_999, total: 100_000 }).percent).toBe(99);
    expect(progressLabel({ done: 0, total: 0 })).toEqual({ text: "0 of 0 examples", percent: 0 });
    expect(progressLabel({ done: 7, total: 5 })).toEqual({ text: "5 of 5 examples", percent: 100 });
    expect(progressLabel({ done: 0, total: 1 }).text).toBe("0 of 1 example");
  });
});

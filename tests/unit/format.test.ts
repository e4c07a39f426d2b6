import { describe, expect, it } from "vitest";
import { formatCount, formatWhen, plural, splitList } from "@/lib/client/format";

describe("formatWhen", () => {
  const now = new Date(2026, 2, 10, 15, 0, 0);
  it("says how long ago for recent times and the clock time otherwise", () => {
    expect(formatWhen(new Date(2026, 2, 10, 14, 59, 40).toISOString(), now)).toBe("just now");
    expect(formatWhen(new Date(2026, 2, 10, 14, 55).toISOString(), now)).toBe("5 min ago");
    expect(formatWhen(new Date(2026, 2, 10, 12, 0).toISOString(), now)).toBe("3 h ago");
    expect(formatWhen(new Date(2026, 2, 10, 8, 5).toISOString(), now)).toBe("today 08:05");
    expect(formatWhen(new Date(2026, 2, 9, 8, 5).toISOString(), now)).toBe("yesterday 08:05");
    expect(formatWhen(new Date(2026, 0, 3, 8, 5).toISOString(), now)).toBe("3 Jan 08:05");
    expect(formatWhen(new Date(2024, 0, 3, 8, 5).toISOString(), now)).toBe("3 Jan 2024");
  });
  it("returns text that is not a date unchanged", () => {
    expect(formatWhen("soon", now)).toBe("soon");
  });
});

describe("text helpers", () => {
  it("pluralises and splits comma lists", () => {
    expect(plural(1, "example")).toBe("1 example");
    expect(plural(3, "example")).toBe("3 examples");
    expect(plural(19_047, "example")).toBe("19,047 examples");
    expect(splitList(" a, b ,, c ")).toEqual(["a", "b", "c"]);
  });
});

describe("counts", () => {
  it("writes thousands separators", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1_000)).toBe("1,000");
    expect(formatCount(1_234_567)).toBe("1,234,567");
  });
});

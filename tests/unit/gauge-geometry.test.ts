import { describe, expect, it } from "vitest";
import { arcPath, GAUGE_ZONES, polar } from "@/components/gauge/geometry";

describe("gauge geometry", () => {
  it("puts -90° at the left, 0° at the top and +90° at the right", () => {
    expect(polar(100, 100, 50, -90)).toEqual({ x: 50, y: 100 });
    expect(polar(100, 100, 50, 0)).toEqual({ x: 100, y: 50 });
    expect(polar(100, 100, 50, 90)).toEqual({ x: 150, y: 100 });
  });

  it("draws the band (10–20% of a 0–40% gauge) as a clockwise arc over the top", () => {
    // 10% of 40% is 45° along the half circle: -45° from the top; 20% is straight up.
    expect(arcPath(100, 100, 50, 0.1, 0.2)).toBe("M 64.64 64.64 A 50 50 0 0 1 100 50");
  });

  it("covers the whole half circle with contiguous zones", () => {
    expect(GAUGE_ZONES[0].from).toBe(0);
    expect(GAUGE_ZONES.at(-1)!.to).toBe(0.4);
    for (let i = 1; i < GAUGE_ZONES.length; i++) expect(GAUGE_ZONES[i].from).toBe(GAUGE_ZONES[i - 1].to);
  });
});

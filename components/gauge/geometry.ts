// Geometry of the half-circle gauge. Angles are in degrees from straight up: -90 is the left end
// (0%), +90 the right end (the gauge maximum), as lib/gauge.ts's needleAngle returns them.
import { NO_TOOL_BAND, needleAngle } from "@/lib/gauge";

export const GAUGE_MAX = 0.4;

export interface Point {
  x: number;
  y: number;
}

export function polar(cx: number, cy: number, r: number, angleDeg: number): Point {
  const a = (angleDeg * Math.PI) / 180;
  return { x: round(cx + r * Math.sin(a)), y: round(cy - r * Math.cos(a)) };
}

/** An SVG path for the arc between two ratios, drawn clockwise (left to right over the top). */
export function arcPath(cx: number, cy: number, r: number, fromRatio: number, toRatio: number, max = GAUGE_MAX): string {
  const a1 = needleAngle(fromRatio, max);
  const a2 = needleAngle(toRatio, max);
  const p1 = polar(cx, cy, r, a1);
  const p2 = polar(cx, cy, r, a2);
  const large = a2 - a1 > 180 ? 1 : 0;
  return `M ${p1.x} ${p1.y} A ${r} ${r} 0 ${large} 1 ${p2.x} ${p2.y}`;
}

export type ZoneTone = "low" | "good" | "high" | "bad";

/** The coloured zones: below the band, the band, above it, far above it. */
export const GAUGE_ZONES: { from: number; to: number; tone: ZoneTone }[] = [
  { from: 0, to: NO_TOOL_BAND.min, tone: "low" },
  { from: NO_TOOL_BAND.min, to: NO_TOOL_BAND.max, tone: "good" },
  { from: NO_TOOL_BAND.max, to: 0.3, tone: "high" },
  { from: 0.3, to: GAUGE_MAX, tone: "bad" },
];

export const GAUGE_TICKS = [0, 0.1, 0.2, 0.3, 0.4];

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

import { arcPath, GAUGE_MAX, GAUGE_TICKS, GAUGE_ZONES, polar } from "./geometry";

const W = 220;
const CX = 110;
const CY = 108;
const R = 88;
const STROKE = 16;

/** The half-circle dial: coloured zones, ticks, and a needle at `angle` (degrees from straight up). */
export function GaugeDial({ angle, label }: { angle: number; label: string }) {
  const needleTip = polar(CX, CY, R - 4, 0);
  return (
    <svg className="gauge-dial" viewBox={`0 0 ${W} ${CY + 14}`} role="img" aria-label={`Gauge: ${label}`}>
      <path d={arcPath(CX, CY, R, 0, GAUGE_MAX)} className="gauge-track" strokeWidth={STROKE} fill="none" />
      {GAUGE_ZONES.map((z) => (
        <path key={z.tone} d={arcPath(CX, CY, R, z.from, z.to)} className={`gauge-zone zone-${z.tone}`} strokeWidth={STROKE} fill="none" />
      ))}
      {GAUGE_TICKS.map((t) => {
        const a = -90 + (t / GAUGE_MAX) * 180;
        const outer = polar(CX, CY, R - STROKE / 2 - 1, a);
        const inner = polar(CX, CY, R - STROKE / 2 - 6, a);
        const text = polar(CX, CY, R - STROKE / 2 - 16, a);
        return (
          <g key={t} className="gauge-tick">
            {t > 0 && t < GAUGE_MAX ? <line x1={outer.x} y1={outer.y} x2={inner.x} y2={inner.y} /> : null}
            <text x={text.x} y={text.y + 3} textAnchor="middle">
              {Math.round(t * 100)}
            </text>
          </g>
        );
      })}
      <g className="gauge-needle" style={{ transform: `rotate(${angle}deg)`, transformOrigin: `${CX}px ${CY}px` }}>
        <line x1={CX} y1={CY} x2={needleTip.x} y2={needleTip.y} />
      </g>
      <circle cx={CX} cy={CY} r={6} className="gauge-hub" />
    </svg>
  );
}

import type { GenerationDto } from "@/lib/schemas/generate";
import { formatCount } from "@/lib/client/format";

/** "12 / 20 asked · 9 accepted · 3 rejected": how far the generation is. */
export function GenerationProgress({ g, compact }: { g: GenerationDto; compact?: boolean }) {
  const pct = g.total > 0 ? Math.round((Math.min(g.done, g.total) / g.total) * 100) : 0;
  const parts = [`${formatCount(g.done)} / ${formatCount(g.total)} done`, `${formatCount(g.accepted)} accepted`, `${formatCount(g.rejected)} rejected`];
  if (g.failed > 0) parts.push(`${formatCount(g.failed)} failed`);
  const text = parts.join(" · ");
  return (
    <div className={`progress${compact ? " progress-compact" : " eval-progress"}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${text}`}
        data-testid="generation-progress"
      >
        <div className={`progress-fill fill-${g.status}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text small" data-testid="generation-progress-text">
        {compact ? null : <strong>{pct}% </strong>}
        {text}
      </span>
    </div>
  );
}

export function teacherLabel(g: Pick<GenerationDto, "backend" | "model">): string {
  const where = { openai: "OpenAI", gpu: "GPU agent", together: "Together AI", fireworks: "Fireworks AI", endpoint: "endpoint" }[g.backend] ?? g.backend;
  return `${g.model} (${where})`;
}

export const costText = (g: Pick<GenerationDto, "costUsd">) => (g.costUsd === null ? "unknown price" : `$${g.costUsd < 0.01 ? g.costUsd.toFixed(4) : g.costUsd.toFixed(2)}`);

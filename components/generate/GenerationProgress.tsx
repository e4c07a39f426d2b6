import type { GenerationDto } from "@/lib/schemas/generate";
import { formatCount } from "@/lib/client/format";
import { ProgressBar } from "@/components/ui/ProgressBar";

/** "12 / 20 asked · 9 accepted · 3 rejected": how far the generation is. */
export function GenerationProgress({ g, compact }: { g: GenerationDto; compact?: boolean }) {
  const pct = g.total > 0 ? Math.round((Math.min(g.done, g.total) / g.total) * 100) : 0;
  const parts = [
    `${formatCount(g.done)} / ${formatCount(g.total)} done`,
    `${formatCount(g.accepted)} accepted`,
    `${formatCount(g.rejected)} rejected`,
  ];
  if (g.failed > 0) parts.push(`${formatCount(g.failed)} failed`);
  const text = parts.join(" · ");
  return (
    <ProgressBar
      label="Generation progress"
      pct={pct}
      status={g.status}
      text={text}
      compact={compact}
      testId="generation-progress"
      className="eval-progress"
      textClass={g.failed > 0 ? "warn-text" : "muted"}
    />
  );
}

export function teacherLabel(g: Pick<GenerationDto, "backend" | "model">): string {
  const where =
    { openai: "OpenAI", gpu: "GPU agent", together: "Together AI", fireworks: "Fireworks AI", endpoint: "endpoint" }[g.backend] ??
    g.backend;
  return `${g.model} (${where})`;
}

export const costText = (g: Pick<GenerationDto, "costUsd">) =>
  g.costUsd === null ? "unknown price" : `$${g.costUsd < 0.01 ? g.costUsd.toFixed(4) : g.costUsd.toFixed(2)}`;

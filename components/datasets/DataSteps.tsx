import type { DataStep } from "./data-steps";

const STATE_LABEL = { done: "done", next: "next", todo: "to do" } as const;

/** Import → Split → Health → Export, each with whether it is done; a link jumps to its section. */
export function DataSteps({ steps }: { steps: DataStep[] }) {
  return (
    <nav aria-label="Data workflow">
      <ol className="data-steps" data-testid="data-steps">
        {steps.map((s, i) => (
          <li key={s.id} className={`data-step data-step-${s.state}`} data-state={s.state}>
            <a href={`#${s.id}`} aria-current={s.state === "next" ? "step" : undefined}>
              <span className="data-step-num" aria-hidden="true">
                {s.state === "done" ? "✓" : i + 1}
              </span>
              <span className="stack-tight">
                <span className="data-step-label">
                  {s.label} <span className="sr-only">({STATE_LABEL[s.state]})</span>
                </span>
                <span className="data-step-detail">{s.detail}</span>
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

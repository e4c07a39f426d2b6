import type { GoldTarget, ModelMessage, ParsedDecision } from "@/lib/scoring/types";
import { goldCallText, pretty } from "./labels";

/** The model's message exactly as it came back: content and each tool call's arguments string, unformatted. */
export function RawOutput({ output, testId = "raw-output" }: { output: ModelMessage | null; testId?: string }) {
  if (!output) return <p className="muted small">No output.</p>;
  const calls = output.tool_calls ?? [];
  const content = output.content;
  return (
    <div className="raw-output" data-testid={testId}>
      {content !== undefined && content !== null && content !== "" ? (
        <pre className="code-block" aria-label="content">
          {content}
        </pre>
      ) : calls.length === 0 ? (
        <p className="muted small">Empty content and no tool calls.</p>
      ) : null}
      {calls.map((c, i) => (
        <div key={i} className="raw-call">
          <span className="small muted">
            tool_calls[{i}] <code className="raw-call-name">{c.function?.name ?? "(no name)"}</code>
          </span>
          <pre className="code-block">
            {typeof c.function?.arguments === "string" ? c.function.arguments : pretty(c.function?.arguments)}
          </pre>
        </div>
      ))}
    </div>
  );
}

/** What the scorer read from the output: the calls with their decoded arguments, or no_tool. */
export function ParsedView({ decision }: { decision: ParsedDecision | null }) {
  if (!decision) return <p className="muted small">Nothing parsed.</p>;
  if (decision.kind === "no_tool")
    return (
      <p className="small" data-testid="parsed-call">
        <span className="chip chip-notool">no_tool</span> {decision.reason ? <span className="muted">{decision.reason}</span> : null}
      </p>
    );
  return (
    <pre className="code-block" data-testid="parsed-call">
      {decision.calls.map((c) => `${c.name} ${pretty(c.arguments)}`).join("\n")}
    </pre>
  );
}

/** The expected decision; each argument lists its acceptable values ("omitted" = may be left out). */
export function GoldView({ gold }: { gold: GoldTarget }) {
  if (gold.kind === "no_tool")
    return (
      <p className="small" data-testid="gold">
        <span className="chip chip-notool">no_tool</span> {gold.reason ? <span className="muted">{gold.reason}</span> : null}
      </p>
    );
  const alternatives = gold.calls.some((c) => Object.values(c.arguments).some((v) => v.length > 1));
  return (
    <div data-testid="gold">
      <ul className="gold-calls">
        {gold.calls.map((c, i) => (
          <li key={i}>
            <code>{goldCallText(c)}</code>
          </li>
        ))}
      </ul>
      {alternatives ? (
        <p className="hint">Values separated by “|” are all accepted; “omitted” means the argument may be left out.</p>
      ) : null}
    </div>
  );
}

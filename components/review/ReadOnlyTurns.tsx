import type { Decision, Message } from "@/lib/schemas/example";

/** A decision as text: the calls with their arguments, or no_tool with its reason. */
export function DecisionView({ decision }: { decision: Decision }) {
  if (decision.kind === "no_tool") {
    return (
      <p>
        <span className="chip chip-notool">no_tool</span> {decision.reason ? <span className="notool-text">{decision.reason}</span> : null}
      </p>
    );
  }
  if (decision.kind === "unlabelled") return <p className="muted">not labelled</p>;
  return (
    <ul className="review-calls">
      {decision.calls.map((c, i) => (
        <li key={i}>
          <span className="chip mono">{c.name}</span> <code className="mono small">{JSON.stringify(c.arguments)}</code>
        </li>
      ))}
    </ul>
  );
}

/** The conversation before the decision under review, read only. */
export function ReadOnlyTurns({ messages }: { messages: Message[] }) {
  return (
    <ol className="history review-turns" aria-label="Conversation before the decision">
      {messages.map((m, i) => (
        <li key={i} className={`turn turn-${m.role}`}>
          <div className="turn-head">
            <span className="turn-role">{m.role === "tool" ? `tool result (${m.name})` : m.role}</span>
          </div>
          {m.role === "assistant" ? (
            <>
              <DecisionView decision={m.decision} />
              {m.content ? <p className="review-text">{m.content}</p> : null}
            </>
          ) : (
            <p className={m.role === "tool" ? "review-text mono small" : "review-text"}>{m.content}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

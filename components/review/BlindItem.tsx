"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { isTextField, keyPressOf } from "@/lib/client/hotkeys";
import { filterTools, pickTool, reviewAction } from "@/lib/client/review-keys";
import { useSubmitReview } from "@/lib/queries/reviews";
import { NO_TOOL } from "@/lib/reviews/agreement";
import type { ReviewItemDto } from "@/lib/schemas/review";
import type { ToolDto } from "@/lib/schemas/tool";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { DecisionView, ReadOnlyTurns } from "./ReadOnlyTurns";

interface Props {
  projectId: string;
  item: ReviewItemDto;
  tools: ToolDto[];
  parallel: boolean;
  onNext: () => void;
  onSkip: () => void;
}

/** One example reviewed blind: choose, submit, and only then see the label. Keyed by example, so each starts fresh. */
export function BlindItem({ projectId, item, tools, parallel, onNext, onSkip }: Props) {
  const router = useRouter();
  const [choice, setChoice] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [nudge, setNudge] = useState(false);
  const submit = useSubmitReview(projectId);
  const result = submit.data ?? null;
  const shown = filterTools(tools, filter);
  const filterRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // Each example takes the focus: keys start from it (not from the link that was clicked last), and a screen reader hears it.
  useEffect(() => rootRef.current?.focus(), []);
  const editorHref = `/projects/${encodeURIComponent(projectId)}/examples/${encodeURIComponent(item.exampleId)}`;

  const choose = (name: string) => {
    setNudge(false);
    setChoice((c) => (name === NO_TOOL ? [NO_TOOL] : pickTool(c, name, parallel)));
  };
  const send = () => {
    if (submit.isPending || result) return;
    if (choice.length === 0) return setNudge(true);
    submit.mutate({ exampleId: item.exampleId, version: item.version, choice });
  };

  // The latest handlers for the one window listener below.
  const keys = useRef({ choose, send, shown, revealed: !!result, onNext, onSkip, openEditor: () => router.push(editorHref) });
  useEffect(() => {
    keys.current = { choose, send, shown, revealed: !!result, onNext, onSkip, openEditor: () => router.push(editorHref) };
  });
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as Element | null;
      // Enter on a link or an ordinary button does what that control says.
      if (e.key === "Enter" && target?.closest("a, button:not(.tool-btn)")) return;
      const k = keys.current;
      const action = reviewAction(keyPressOf(e, isTextField(target)), k.revealed);
      if (!action) return;
      e.preventDefault();
      if (action.type === "chooseTool") {
        const t = k.shown[action.index];
        if (t) k.choose(t.name);
      } else if (action.type === "noTool") k.choose(NO_TOOL);
      else if (action.type === "submit") k.send();
      else if (action.type === "skip") k.onSkip();
      else if (action.type === "next") k.onNext();
      else if (action.type === "openEditor") k.openEditor();
      else if (action.type === "focusFilter") filterRef.current?.focus();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function onFilterKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      e.preventDefault();
      if (shown[0]) choose(shown[0].name);
      e.currentTarget.blur();
    } else if (e.key === "Escape") e.currentTarget.blur();
  }

  return (
    <div
      className="stack review-item"
      ref={rootRef}
      tabIndex={-1}
      aria-label={`Example ${item.number} to review`}
      data-testid="review-item"
      data-number={item.number}
    >
      <section className="panel" aria-labelledby="review-conv-title">
        <div className="panel-head">
          <h2 id="review-conv-title" className="panel-title">
            Example #{item.number.toLocaleString("en-US")}{" "}
            <span className={item.split === "gold" ? "split-gold" : "muted"}>· {item.split}</span>
          </h2>
          <span className="muted small">The label is hidden until you choose.</span>
        </div>
        <ReadOnlyTurns messages={item.context} />
      </section>

      <section className="panel target" aria-labelledby="review-choice-title">
        <div className="panel-head">
          <h2 id="review-choice-title" className="panel-title">
            What should the assistant do next?
          </h2>
          {parallel ? <span className="muted small">This project calls tools in parallel: choose one or more.</span> : null}
        </div>
        {tools.length > 9 ? (
          <div className="field field-inline review-filter">
            <label htmlFor="review-tool-filter" className="small">
              Filter tools <kbd>/</kbd>
            </label>
            <input
              id="review-tool-filter"
              ref={filterRef}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={onFilterKey}
              placeholder="name or description; Enter picks the first"
              disabled={!!result}
              data-testid="review-tool-filter"
            />
            <span className="muted small" aria-live="polite">
              {shown.length.toLocaleString("en-US")} of {tools.length.toLocaleString("en-US")}
            </span>
          </div>
        ) : null}
        <div className="tool-buttons" role="group" aria-label="Your choice">
          {tools.length === 0 ? <span className="muted small">No active tools: the catalogue is empty.</span> : null}
          {shown.map((t, i) => {
            const on = choice.includes(t.name);
            return (
              <button
                key={t.id}
                type="button"
                className={`tool-btn${on ? " is-on" : ""}`}
                aria-pressed={on}
                onClick={() => choose(t.name)}
                title={t.description || t.name}
                disabled={!!result}
                data-testid={`review-tool-${t.name}`}
              >
                {i < 9 ? <kbd>{i + 1}</kbd> : null}
                <span className="mono">{t.name}</span>
              </button>
            );
          })}
          <button
            type="button"
            className={`tool-btn tool-btn-notool${choice.includes(NO_TOOL) ? " is-on" : ""}`}
            aria-pressed={choice.includes(NO_TOOL)}
            onClick={() => choose(NO_TOOL)}
            disabled={!!result}
            data-testid="review-no-tool"
          >
            <kbd>0</kbd>
            <span className="mono">no_tool</span>
          </button>
        </div>
        {!result ? (
          <div className="row review-actions">
            <button type="button" className="btn btn-primary" onClick={send} disabled={submit.isPending} data-testid="review-submit">
              Submit and reveal <kbd>Enter</kbd>
            </button>
            <button type="button" className="btn" onClick={onSkip}>
              Skip <kbd>s</kbd>
            </button>
            {nudge ? (
              <span className="field-error" role="alert">
                Choose a tool (1–9) or no_tool (0) first.
              </span>
            ) : null}
          </div>
        ) : null}
        {submit.isError ? <ErrorNote error={submit.error} title="The review was not saved" /> : null}
      </section>

      {result ? (
        <section className="panel" aria-labelledby="review-result-title" data-testid="review-result">
          <div className={`banner ${result.agree ? "banner-ok" : "banner-warn"}`} role="status">
            <span id="review-result-title">
              <strong>{result.agree ? "Agree" : "Disagree"}</strong>: you chose <span className="mono">{result.choice}</span>; the label
              {result.labelledBy ? ` by ${result.labelledBy}` : ""} is <span className="mono">{result.label}</span>.
            </span>
          </div>
          <DecisionView decision={result.labelDecision} />
          <div className="row review-actions">
            <button type="button" className="btn btn-primary" onClick={onNext} autoFocus data-testid="review-next">
              Next example <kbd>n</kbd>
            </button>
            <Link className="btn" href={editorHref}>
              Open in the editor <kbd>e</kbd>
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}

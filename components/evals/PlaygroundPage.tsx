"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { evalTargetsQuery, usePlayground } from "@/lib/queries/evals";
import { projectQuery } from "@/lib/queries/projects";
import { playgroundSchema, type EvalTargetsDto, type PlaygroundAnswerDto, type PlaygroundInput } from "@/lib/schemas/evals";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Loading, LoadError } from "@/components/ui/States";
import { AnswerCard } from "./AnswerCard";
import { SaveAsExample } from "./SaveAsExample";
import { useCan } from "@/lib/client/auth";
import { TargetPicker } from "./TargetPicker";
import { initialChoice, resolveTarget, secondChoice, type TargetChoice } from "./target-choice";

const STYLE_TEXT = {
  router_json: 'router JSON: the model answers {"tool": …, "arguments": {…}} or {"tool": "no_tool", "reason": …} as its content',
  native_tools: "native tool calls: the model gets the catalogue as tools and answers with tool_calls, or plain text for no tool",
} as const;

/** One request to one or two models, with the project's catalogue and prompt: see the raw answer and how it scores. */
export function PlaygroundPage({ projectId }: { projectId: string }) {
  const targets = useQuery(evalTargetsQuery(projectId));
  const project = useQuery(projectQuery(projectId));
  const style = project.data?.outputStyle;
  return (
    <div className="page playground-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>Playground</h1>
          <p className="muted small">
            Try a request before running a whole eval. Output style:{" "}
            {style ? <span data-testid="playground-style">{STYLE_TEXT[style]}</span> : "…"} (
            <Link href={`/projects/${encodeURIComponent(projectId)}/settings`}>settings</Link>).
          </p>
        </div>
      </div>
      {targets.isPending ? (
        <Loading label="Loading the models you can call…" />
      ) : !targets.data ? (
        <LoadError error={targets.error} what="models" onRetry={() => targets.refetch()} />
      ) : (
        <Playground projectId={projectId} targets={targets.data} />
      )}
    </div>
  );
}

function Playground({ projectId, targets }: { projectId: string; targets: EvalTargetsDto }) {
  const run = usePlayground(projectId);
  const canSave = useCan("examples.write");
  const [request, setRequest] = useState("");
  const [first, setFirst] = useState<TargetChoice>(() => initialChoice(targets));
  const [second, setSecond] = useState<TargetChoice | null>(null);
  const [tried, setTried] = useState(false);
  const a = resolveTarget(first, targets);
  const b = second ? resolveTarget(second, targets) : null;
  const input: PlaygroundInput = { request, targets: [a.target, b?.target].filter((t) => !!t) as PlaygroundInput["targets"] };
  const parsed = playgroundSchema.safeParse(input);
  const requestError = tried && !request.trim() ? "type a request" : undefined;
  const ready = parsed.success && !!a.target && (!b || !!b.target);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    setTried(true);
    if (!ready || run.isPending) return;
    run.mutate(parsed.data!);
  }
  function keys(e: KeyboardEvent) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <>
      <form className="panel stack playground-form" onSubmit={submit} onKeyDown={keys} noValidate>
        <div className="field">
          <label htmlFor="pg-request">Request</label>
          <textarea
            id="pg-request"
            rows={4}
            className="request-input"
            value={request}
            onChange={(e) => setRequest(e.target.value)}
            placeholder="What a user would type, e.g. “where is my order ORD-48213?”"
            aria-invalid={requestError ? true : undefined}
            data-testid="playground-request"
          />
          {requestError ? <span className="field-error">{requestError}</span> : null}
        </div>
        <div className={`playground-targets${second ? " has-two" : ""}`}>
          <TargetPicker
            id="pg-a"
            legend={second ? "Model A" : "Model"}
            targets={targets}
            value={first}
            onChange={setFirst}
            error={tried && !a.target ? a.problem : undefined}
          />
          {second ? (
            <div className="stack-tight">
              <TargetPicker
                id="pg-b"
                legend="Model B"
                targets={targets}
                value={second}
                onChange={setSecond}
                error={tried && b && !b.target ? b.problem : undefined}
              />
              <button type="button" className="btn btn-sm btn-ghost align-start" onClick={() => setSecond(null)}>
                Remove model B
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="btn btn-sm align-start"
              onClick={() => setSecond(secondChoice(targets, first))}
              data-testid="add-second-model"
            >
              + Compare with a second model
            </button>
          )}
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={run.isPending} data-testid="playground-run">
            {run.isPending ? "Asking…" : "Run"} <kbd>Ctrl</kbd>
            <kbd>↵</kbd>
          </button>
          <span className="muted small">Nothing is stored unless you save an answer as an example; each run costs one request per model.</span>
        </div>
        {run.isError ? <ErrorNote error={run.error} title="The request was not sent" /> : null}
      </form>
      {run.data ? (
        <div className={`answers${run.data.length > 1 ? " has-two" : ""}`} data-testid="playground-answers" aria-live="polite">
          {run.data.map((ans, i) => (
            // Keyed by the request's time: a new run starts with the save form closed.
            <AnswerCard key={`${run.submittedAt}-${i}`} answer={ans}>
              {canSave && run.variables ? <SaveAnswer projectId={projectId} request={run.variables.request} answer={ans} id={`save-${i}`} /> : null}
            </AnswerCard>
          ))}
        </div>
      ) : null}
    </>
  );
}

/** "Save as example" under an answer: the button, then the form prefilled from the answer. */
function SaveAnswer(props: { projectId: string; request: string; answer: PlaygroundAnswerDto; id: string }) {
  const [open, setOpen] = useState(false);
  if (open) return <SaveAsExample {...props} onClose={() => setOpen(false)} />;
  return (
    <div className="row">
      <button type="button" className="btn btn-sm align-start" onClick={() => setOpen(true)} data-testid="save-as-example">
        Save as example…
      </button>
      <span className="muted small">Keep this request with the answer (corrected if need be) as a labelled example.</span>
    </div>
  );
}

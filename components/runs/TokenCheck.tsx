"use client";

import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { formatCount } from "@/lib/client/format";
import type { TokenCheckDto, TokenCheckInput } from "@/lib/schemas/runs";

/**
 * "Check with the model's tokenizer": asks a GPU agent to tokenize the longest training examples with
 * the base model's own tokenizer and chat template, and says whether max_seq_length fits them (with a
 * one-click fix when it does not). The suggestion above it is an o200k estimate; this is the real count.
 */
export function TokenCheck({
  projectId,
  input,
  onUse,
}: {
  projectId: string;
  input: TokenCheckInput;
  /** Sets max_seq_length to the value that fits every checked example. */
  onUse: (maxSeqLength: number) => void;
}) {
  const check = useMutation({
    mutationFn: (body: TokenCheckInput) => api.post<TokenCheckDto>(`/api/projects/${encodeURIComponent(projectId)}/runs/token-check`, body),
  });
  const result = check.data;
  // A result for other settings than the form's now is stale: say so rather than show it as current.
  const stale = result?.status === "checked" && (result.baseModel !== input.baseModel || result.maxSeqLength !== input.max_seq_length);
  return (
    <div className="token-check stack-tight" data-testid="token-check">
      <div className="row row-wrap">
        <button type="button" className="btn btn-sm" onClick={() => check.mutate(input)} disabled={check.isPending || !input.baseModel} data-testid="token-check-run">
          {check.isPending ? "Checking…" : "Check with the model's tokenizer"}
        </button>
        <span className="hint">the longest training examples, tokenized by the agent as its trainer will (chat template and tools included)</span>
      </div>
      <div role="status" aria-live="polite" data-testid="token-check-result">
        {check.isError ? <p className="field-error">{check.error.message}</p> : null}
        {result?.status === "unavailable" ? <p className="hint">Not checked: {result.reason}. The suggestion above is OpenAI&apos;s o200k estimate.</p> : null}
        {result?.status === "checked" ? <CheckedLine result={result} stale={stale} onUse={onUse} /> : null}
      </div>
    </div>
  );
}

function CheckedLine({ result: r, stale, onUse }: { result: Extract<TokenCheckDto, { status: "checked" }>; stale: boolean; onUse: (n: number) => void }) {
  const which = r.checked === r.trainExamples ? `all ${formatCount(r.trainExamples)} training examples` : `the ${formatCount(r.checked)} longest of ${formatCount(r.trainExamples)} training examples`;
  const scope = `Checked ${which} with ${r.baseModel}'s tokenizer on ${r.agent}.`;
  const fits = r.over === 0;
  return (
    <p className={fits ? "hint ok-text" : "hint warn-text"}>
      {stale ? <strong>For max_seq_length {formatCount(r.maxSeqLength)} (changed since): </strong> : null}
      {fits
        ? `All fit in ${formatCount(r.maxSeqLength)} tokens: the longest has ${formatCount(r.longest)}. ${scope}`
        : `${formatCount(r.over)} ${r.over === 1 ? "is" : "are"} longer than ${formatCount(r.maxSeqLength)} tokens (the longest has ${formatCount(r.longest)}): ${formatCount(r.truncated)} would be cut, ${formatCount(r.dropped)} left out. ${scope}`}{" "}
      {!fits && r.fitsMaxSeqLength ? (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onUse(r.fitsMaxSeqLength!)} data-testid="token-check-use">
          Use {formatCount(r.fitsMaxSeqLength)}
        </button>
      ) : null}
    </p>
  );
}

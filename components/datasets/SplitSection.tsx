"use client";

import { useId, useState, type ChangeEvent } from "react";
import { useApplySplit, useSplitPreview, type SplitRequest } from "@/lib/queries/datasets";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { formatCount } from "@/components/imports/labels";
import { SplitPreviewTable } from "./SplitPreviewTable";
import { useCan } from "@/lib/client/auth";

/** Percent text → a fraction, or null when it is not a number from 0 to 90. */
function fraction(text: string): number | null {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) && n >= 0 && n <= 90 ? n / 100 : null;
}

/** Stratified assignment of labelled, unassigned examples to train / validation / gold. */
export function SplitSection({ projectId }: { projectId: string }) {
  const canSplit = useCan("splits.write");
  const [validation, setValidation] = useState("10");
  const [gold, setGold] = useState("10");
  const [seed, setSeed] = useState("42");
  const [confirming, setConfirming] = useState(false);
  const preview = useSplitPreview(projectId);
  const apply = useApplySplit(projectId);
  const ids = { v: useId(), g: useId(), s: useId() };

  const v = fraction(validation);
  const g = fraction(gold);
  const s = /^-?\d+$/.test(seed.trim()) ? Number(seed) : null;
  const sumOk = v !== null && g !== null && v + g < 1;
  const req: SplitRequest | null = v !== null && g !== null && s !== null && sumOk ? { validation: v, gold: g, seed: s } : null;
  // A preview belongs to the numbers it was made with; changing them hides it.
  const previewed =
    preview.data && preview.variables && req && JSON.stringify(preview.variables) === JSON.stringify(req) ? preview.data : null;
  const shown = apply.data ?? previewed;

  function change(set: (t: string) => void) {
    return (e: ChangeEvent<HTMLInputElement>) => {
      set(e.target.value);
      apply.reset();
    };
  }

  return (
    <section id="split" className="panel data-section" aria-labelledby="split-title">
      <div className="data-section-head">
        <h2 id="split-title" className="section-title">
          Split
        </h2>
        <p className="muted small">
          Assigns labelled examples that have no split yet, keeping each tool&apos;s share (and no_tool&apos;s) the same in every split.
          Examples already in a split keep it.
        </p>
      </div>
      <form
        className="row row-wrap row-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (req) preview.mutate(req);
        }}
      >
        <div className="field">
          <label htmlFor={ids.v}>Validation %</label>
          <input
            id={ids.v}
            type="number"
            min={0}
            max={90}
            step={1}
            value={validation}
            onChange={change(setValidation)}
            className="input-num"
            aria-invalid={v === null || !sumOk ? true : undefined}
            data-testid="split-validation"
          />
        </div>
        <div className="field">
          <label htmlFor={ids.g}>Gold %</label>
          <input
            id={ids.g}
            type="number"
            min={0}
            max={90}
            step={1}
            value={gold}
            onChange={change(setGold)}
            className="input-num"
            aria-invalid={g === null || !sumOk ? true : undefined}
            data-testid="split-gold"
          />
        </div>
        <div className="field">
          <label htmlFor={ids.s}>Seed</label>
          <input
            id={ids.s}
            type="number"
            step={1}
            value={seed}
            onChange={change(setSeed)}
            className="input-num"
            aria-invalid={s === null ? true : undefined}
          />
        </div>
        <button type="submit" className="btn" disabled={!req || preview.isPending} data-testid="split-preview">
          {preview.isPending ? "Previewing…" : "Preview"}
        </button>
        {canSplit ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={!req || apply.isPending}
            onClick={() => setConfirming(true)}
            data-testid="split-apply"
          >
            Apply split…
          </button>
        ) : null}
      </form>
      {v === null || g === null ? (
        <p className="field-error">Percentages are numbers from 0 to 90.</p>
      ) : !sumOk ? (
        <p className="field-error">Validation and gold together must leave something to train on.</p>
      ) : null}
      {s === null ? <p className="field-error">The seed is a whole number.</p> : null}
      {preview.isError ? <ErrorNote error={preview.error} title="Could not preview the split" /> : null}
      {apply.data ? (
        <div className="banner banner-ok" role="status" data-testid="split-result">
          Split applied: {formatCount(apply.data.assigned)} examples got a split.
        </div>
      ) : null}
      {shown ? (
        <SplitPreviewTable preview={shown} />
      ) : (
        <p className="muted small">Preview to see how many examples each split would get, and its no_tool ratio.</p>
      )}
      {confirming && req ? (
        <ConfirmDialog
          title="Apply this split?"
          confirmLabel="Apply split"
          busy={apply.isPending}
          error={apply.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => apply.mutate(req, { onSuccess: () => setConfirming(false) })}
        >
          <p>
            Every labelled example without a split is assigned one: {Math.round(req.validation * 100)}% validation,{" "}
            {Math.round(req.gold * 100)}% gold, the rest train
            {previewed ? ` (${formatCount(previewed.assigned)} examples)` : ""}.
          </p>
          <p>
            <strong>Splits are fixed once made.</strong> Examples keep their split from now on, so evaluations stay comparable; gold
            examples are never exported for training. Examples you add later can be split again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PRICES_NOTE, type PriceTable } from "@/lib/datasets/cost";
import { pricingQuery, useSavePricing, type CostRowDto } from "@/lib/queries/datasets";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Loading, LoadError } from "@/components/ui/States";
import { formatCount } from "@/components/imports/labels";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Estimated training cost per base model, with the project's editable price table. */
export function CostTable({
  projectId,
  chargedTokens,
  serverCosts,
}: {
  projectId: string;
  chargedTokens: number;
  serverCosts: CostRowDto[];
}) {
  const pricing = useQuery(pricingQuery(projectId));
  if (!pricing.data) {
    return pricing.isError ? (
      <LoadError error={pricing.error} what="price table" onRetry={() => pricing.refetch()} />
    ) : (
      <Loading label="Loading prices…" />
    );
  }
  // Keyed by the saved table: after a save or reset the draft starts again from what is stored.
  return (
    <PriceEditor
      key={JSON.stringify(pricing.data.prices)}
      projectId={projectId}
      saved={pricing.data.prices}
      custom={pricing.data.custom}
      chargedTokens={chargedTokens}
      serverCosts={serverCosts}
    />
  );
}

interface EditorProps {
  projectId: string;
  saved: PriceTable;
  custom: boolean;
  chargedTokens: number;
  serverCosts: CostRowDto[];
}

function PriceEditor({ projectId, saved, custom, chargedTokens, serverCosts }: EditorProps) {
  const initial = () => Object.entries(saved).map(([m, e]): [string, string] => [m, String(e.trainingPerMillionUsd)]);
  const [draft, setDraft] = useState<[string, string][]>(initial);
  const [newModel, setNewModel] = useState("");
  const save = useSavePricing(projectId);
  const parsed = draft.map(([model, text]) => ({ model, text, price: text.trim() === "" ? NaN : Number(text) }));
  const valid = parsed.every((r) => Number.isFinite(r.price) && r.price >= 0);
  const dirty =
    JSON.stringify(parsed.map((r) => [r.model, r.price])) !==
    JSON.stringify(Object.entries(saved).map(([m, e]) => [m, e.trainingPerMillionUsd]));
  const trimmed = newModel.trim();
  const canAdd = trimmed !== "" && !draft.some(([m]) => m === trimmed);

  function toTable(): PriceTable {
    return Object.fromEntries(
      parsed.map((r) => {
        const before = saved[r.model];
        // The published note only stays true while the price is the published one.
        const note = before && before.trainingPerMillionUsd === r.price ? before.note : undefined;
        return [r.model, note ? { trainingPerMillionUsd: r.price, note } : { trainingPerMillionUsd: r.price }];
      }),
    );
  }

  return (
    <section className="cost-table" aria-labelledby="cost-title" data-testid="cost-table">
      <h3 id="cost-title" className="block-title">
        Training cost estimate
      </h3>
      <p className="hint">
        ~{formatCount(chargedTokens)} charged tokens × the price per 1M training tokens. Prices:{" "}
        {custom ? "edited for this project" : PRICES_NOTE}.
      </p>
      <table className="table table-compact table-form">
        <thead>
          <tr>
            <th scope="col">Base model</th>
            <th scope="col" className="num">
              $ / 1M tokens
            </th>
            <th scope="col" className="num">
              Estimate
            </th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parsed.map((r, i) => {
            const server = serverCosts.find((c) => c.model === r.model);
            const fresh = server && saved[r.model]?.trainingPerMillionUsd === r.price;
            const ok = Number.isFinite(r.price) && r.price >= 0;
            return (
              <tr key={r.model} data-model={r.model}>
                <th scope="row" className="row-head">
                  <code>{r.model}</code>
                </th>
                <td className="num">
                  <input
                    type="number"
                    min={0}
                    step="0.01"
                    className="input-num input-price"
                    value={r.text}
                    aria-label={`Price per 1M training tokens for ${r.model}, in US dollars`}
                    aria-invalid={ok ? undefined : true}
                    onChange={(e) => setDraft((d) => d.map((row, j) => (j === i ? [row[0], e.target.value] : row)))}
                  />
                </td>
                <td className="num" data-testid={`cost-${r.model}`}>
                  {!ok ? "—" : usd.format(fresh ? server.usd : (chargedTokens / 1_000_000) * r.price)}
                  {ok && !fresh ? <span className="muted small"> (unsaved)</span> : null}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={`Remove ${r.model}`}
                    title="Remove"
                    onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        className="row add-model"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canAdd) return;
          setDraft((d) => [...d, [trimmed, "0"]]);
          setNewModel("");
        }}
      >
        <input
          value={newModel}
          onChange={(e) => setNewModel(e.target.value)}
          placeholder="another base model id"
          aria-label="Base model id to add"
          className="mono"
          maxLength={200}
        />
        <button type="submit" className="btn btn-sm" disabled={!canAdd}>
          Add model
        </button>
      </form>
      {!valid ? <p className="field-error">Every price must be a number of dollars, 0 or more.</p> : null}
      {save.isError ? <ErrorNote error={save.error} title="Could not save the prices" /> : null}
      <div className="row">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={!dirty || !valid || save.isPending}
          onClick={() => save.mutate(toTable())}
        >
          {save.isPending ? "Saving…" : "Save prices"}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={(!custom && !dirty) || save.isPending}
          onClick={() => (custom ? save.mutate(null) : setDraft(initial()))}
          title="Go back to the published prices"
        >
          Reset to published prices
        </button>
      </div>
    </section>
  );
}

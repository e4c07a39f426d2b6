import { useId } from "react";
import type { ImportToolPlanDto } from "@/lib/schemas/imports";
import type { ToolChoices } from "@/lib/datasets/tool-plan";

export type ToolChoiceMap = Record<string, ToolChoices>;

/** The choice a plan entry was analysed with (the default when none was made). */
export function analysedChoices(plan: ImportToolPlanDto[]): ToolChoiceMap {
  return Object.fromEntries(plan.filter(needsFixup).map((t) => [t.name, { variantChoice: t.variantChoice, schemaFix: t.schemaFix }]));
}

export function needsFixup(t: ImportToolPlanDto): boolean {
  return t.variants > 1 || (t.bfclChanges?.length ?? 0) > 0;
}

/** True when a choice differs from the one the counts above were computed with. */
export function choicesDiffer(plan: ImportToolPlanDto[], choices: ToolChoiceMap): boolean {
  return plan.some((t) => {
    const c = choices[t.name];
    return c !== undefined && ((c.variantChoice ?? t.variantChoice) !== t.variantChoice || (c.schemaFix ?? t.schemaFix) !== t.schemaFix);
  });
}

/**
 * Tools the file declares in several ways (take the first, or merge them) or with BFCL types (convert
 * to JSON Schema, or keep as declared). Each choice is shown with what it does to the schema.
 */
export function ToolFixups({
  plan,
  choices,
  onChoose,
  stale,
  onRecheck,
  rechecking,
}: {
  plan: ImportToolPlanDto[];
  choices: ToolChoiceMap;
  onChoose: (name: string, c: ToolChoices) => void;
  stale: boolean;
  onRecheck: () => void;
  rechecking: boolean;
}) {
  const tools = plan.filter(needsFixup);
  if (tools.length === 0) return null;
  return (
    <section className="import-block stack-tight" aria-labelledby="tool-fixups-title" data-testid="import-tool-fixups">
      <h4 id="tool-fixups-title" className="block-title">
        Tools to settle before importing
      </h4>
      {tools.map((t) => (
        <fieldset key={t.name} className="tool-conflict" data-testid={`tool-fixup-${t.name}`}>
          <legend>
            <code>{t.name}</code>
          </legend>
          {t.variants > 1 ? <VariantChoice tool={t} value={choices[t.name]?.variantChoice ?? t.variantChoice ?? "first"} onChoose={(v) => onChoose(t.name, { ...choices[t.name], variantChoice: v })} /> : null}
          {t.bfclChanges?.length ? <SchemaFixChoice tool={t} value={choices[t.name]?.schemaFix ?? t.schemaFix ?? "convert"} onChoose={(v) => onChoose(t.name, { ...choices[t.name], schemaFix: v })} /> : null}
        </fieldset>
      ))}
      {stale ? (
        <div className="banner banner-warn row">
          <span className="grow">
            The counts above are for the choices the file was analysed with. Importing judges every record against your choices; check them again to see the counts first.
          </span>
          <button type="button" className="btn" onClick={onRecheck} disabled={rechecking} data-testid="import-recheck">
            {rechecking ? "Starting…" : "Check the records again"}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Radio<T extends string>({ name, value, current, label, hint, onChoose, disabled }: { name: string; value: T; current: T; label: string; hint: string; onChoose: (v: T) => void; disabled?: boolean }) {
  return (
    <label className={`radio-card${current === value ? " is-on" : ""}`}>
      <input type="radio" name={name} value={value} checked={current === value} disabled={disabled} onChange={() => onChoose(value)} />
      <span>
        <strong>{label}</strong>
        <span className="hint">{hint}</span>
      </span>
    </label>
  );
}

function VariantChoice({ tool, value, onChoose }: { tool: ImportToolPlanDto; value: "first" | "merge"; onChoose: (v: "first" | "merge") => void }) {
  const name = useId();
  const merge = tool.merge;
  return (
    <div className="stack-tight">
      <p className="small">The file declares it in {tool.variants} different ways.</p>
      <div className="row row-wrap conflict-choice" role="radiogroup" aria-label={`Which declaration of ${tool.name} to use`}>
        <Radio name={name} value="first" current={value} onChoose={onChoose} label="Keep the first" hint="records written for another declaration may be rejected" />
        <Radio
          name={name}
          value="merge"
          current={value}
          onChoose={onChoose}
          disabled={merge ? !merge.ok : true}
          label="Merge the variants"
          hint={merge && !merge.ok ? `cannot merge: ${merge.reason}` : "every property of every variant; required only where all require it"}
        />
      </div>
      {merge?.ok && value === "merge" ? (
        <>
          {merge.notes.length > 0 ? (
            <ul className="small">
              {merge.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <pre className="schema-json">{JSON.stringify(merge.def.parameters, null, 2)}</pre>
        </>
      ) : null}
    </div>
  );
}

function SchemaFixChoice({ tool, value, onChoose }: { tool: ImportToolPlanDto; value: "convert" | "as_declared"; onChoose: (v: "convert" | "as_declared") => void }) {
  const name = useId();
  return (
    <div className="stack-tight">
      <p className="small">It is declared with BFCL types, which are not JSON Schema.</p>
      <div className="row row-wrap conflict-choice" role="radiogroup" aria-label={`How to take the types of ${tool.name}`}>
        <Radio name={name} value="convert" current={value} onChoose={onChoose} label="Convert to JSON Schema" hint="recommended: the catalogue accepts only JSON Schema" />
        <Radio name={name} value="as_declared" current={value} onChoose={onChoose} label="Keep as declared" hint="the import is refused while the schema is not valid JSON Schema" />
      </div>
      <ul className="small mono">
        {(tool.bfclChanges ?? []).map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

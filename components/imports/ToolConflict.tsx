import { useId } from "react";
import type { ImportToolPlanDto } from "@/lib/schemas/imports";
import type { ToolDecision } from "./ToolPlan";

/** A tool the file and the catalogue define differently: both side by side, and the choice. */
export function ToolConflict({
  tool,
  decision,
  onDecide,
}: {
  tool: ImportToolPlanDto;
  decision: ToolDecision;
  onDecide: (d: ToolDecision) => void;
}) {
  const name = useId();
  const options: { value: ToolDecision; label: string; hint: string }[] = [
    { value: "keep_existing", label: "Keep the catalogue's", hint: "the counts above assume this: records that break it are rejected" },
    { value: "use_imported", label: "Use the file's", hint: "replaces it (a new catalogue version); records are checked again on import" },
  ];
  return (
    <fieldset className="tool-conflict" data-testid={`tool-conflict-${tool.name}`}>
      <legend>
        <code>{tool.name}</code> is defined differently
      </legend>
      <div className="schema-compare">
        <figure>
          <figcaption>In the catalogue</figcaption>
          <pre className="schema-json">{pretty(tool.existing)}</pre>
        </figure>
        <figure>
          <figcaption>In the file</figcaption>
          <pre className="schema-json">{pretty(tool.imported)}</pre>
        </figure>
      </div>
      <div className="row row-wrap conflict-choice" role="radiogroup" aria-label={`Which definition of ${tool.name} to keep`}>
        {options.map((o) => (
          <label key={o.value} className={`radio-card${decision === o.value ? " is-on" : ""}`}>
            <input type="radio" name={name} value={o.value} checked={decision === o.value} onChange={() => onDecide(o.value)} />
            <span>
              <strong>{o.label}</strong>
              <span className="hint">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const pretty = (def: ImportToolPlanDto["existing"]) =>
  def ? JSON.stringify({ description: def.description, parameters: def.parameters }, null, 2) : "(missing)";

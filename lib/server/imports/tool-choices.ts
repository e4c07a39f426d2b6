// The user's fix-up choices on an analysed import's tool plan (merge a tool's variants, convert BFCL
// types), checked and applied before the commit: commitImport then judges every record against, and
// adds to the catalogue, exactly the definitions these choices produce.
import { resolveEntry, type ConflictDecision, type ToolChoices, type ToolPlanEntry } from "../../datasets/tool-plan";
import { AppError } from "../errors";

export function planWithChoices(
  plan: readonly ToolPlanEntry[],
  choices: Record<string, ToolChoices>,
  decisions: Record<string, ConflictDecision> = {},
): ToolPlanEntry[] {
  const byName = new Map(plan.map((e) => [e.name, e]));
  for (const [name, c] of Object.entries(choices)) {
    const e = byName.get(name);
    if (!e) throw choiceError(`toolChoices names ${name}, which the file does not declare`);
    if (c.variantChoice !== undefined && e.variants < 2) throw choiceError(`toolChoices.${name}.variantChoice: the file declares ${name} one way only; there is nothing to merge`);
    if (c.variantChoice === "merge" && e.merge && !e.merge.ok) throw choiceError(`${name} cannot be merged: ${e.merge.reason}; keep the first declaration`);
  }
  return plan.map((e) => {
    const c = choices[e.name] ?? {};
    const out = resolveEntry(e, c);
    if (out.action === "conflict") out.decision = decisions[e.name] ?? out.decision ?? "keep_existing";
    if (c.schemaFix !== undefined && !out.bfclChanges) throw choiceError(`toolChoices.${e.name}.schemaFix: ${e.name} has no BFCL types to convert`);
    const lands = out.action === "add" || (out.action === "conflict" && out.decision === "use_imported");
    if (out.schemaFix === "as_declared" && out.schemaIssues && lands) {
      const [first] = out.schemaIssues;
      throw choiceError(`${e.name} as declared is not valid JSON Schema (${first.path || "parameters"}: ${first.message}); choose "convert to JSON Schema"`);
    }
    return out;
  });
}

function choiceError(message: string): AppError {
  return new AppError("validation_failed", message, { field: "toolChoices" });
}

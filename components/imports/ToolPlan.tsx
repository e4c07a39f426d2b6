"use client";

import { useState } from "react";
import type { ImportToolPlanDto } from "@/lib/schemas/imports";
import { ToolConflict } from "./ToolConflict";
import { count } from "./labels";

export type ToolDecision = "keep_existing" | "use_imported";
export type ToolDecisions = Record<string, ToolDecision>;

const ORDER = { conflict: 0, add: 1, same: 2 } as const;
/** Rows shown before "+ N more tools": a file can declare a hundred tools. */
export const TOOL_PLAN_ROWS = 8;
const ACTION_LABEL = {
  add: "new: added to the catalogue",
  same: "same as the catalogue's",
  conflict: "differs from the catalogue's",
} as const;

/** What happens to each tool the file declares; conflicts need a decision. */
export function ToolPlan({
  plan,
  decisions,
  onDecide,
}: {
  plan: ImportToolPlanDto[];
  decisions: ToolDecisions;
  onDecide: (name: string, d: ToolDecision) => void;
}) {
  const by = (a: ImportToolPlanDto["action"]) => plan.filter((t) => t.action === a).length;
  const conflicts = plan.filter((t) => t.action === "conflict");
  const sorted = [...plan].sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.name.localeCompare(b.name));
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, sorted.length - TOOL_PLAN_ROWS);
  const rows = hidden > 0 ? sorted.slice(0, TOOL_PLAN_ROWS) : sorted;
  return (
    <section className="import-block" aria-labelledby="tool-plan-title" data-testid="import-tool-plan">
      <h4 id="tool-plan-title" className="block-title">
        Tools in the file: {by("add")} new, {by("same")} unchanged, {by("conflict")} in conflict
      </h4>
      {conflicts.map((t) => (
        <ToolConflict key={t.name} tool={t} decision={decisions[t.name] ?? "keep_existing"} onDecide={(d) => onDecide(t.name, d)} />
      ))}
      {plan.length === 0 ? (
        <p className="muted small">The file declares no tools; its calls are checked against the catalogue as it is.</p>
      ) : (
        <div className={all ? "scroll-box" : undefined} id="tool-plan-rows">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col">Plan</th>
                <th scope="col" className="num">
                  Declared in
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.name} data-tool={t.name} data-action={t.action}>
                  <td>
                    <code className="tool-name">{t.name}</code>
                  </td>
                  <td>
                    <span className={`plan-pill plan-${t.action}`}>{t.action}</span>{" "}
                    <span className="muted small">{ACTION_LABEL[t.action]}</span>
                    {t.variants > 1 ? <span className="muted small"> · {t.variantChoice === "merge" ? `${t.variants} variants merged` : `first of ${t.variants} variants`}</span> : null}
                    {t.bfclChanges && t.schemaFix === "convert" ? <span className="muted small"> · BFCL types converted</span> : null}
                    {t.schemaIssues?.length ? (
                      <span className="field-error small" data-testid={`tool-schema-issue-${t.name}`}>
                        {" "}
                        · not valid JSON Schema ({t.schemaIssues[0].path || "parameters"}: {t.schemaIssues[0].message}); the catalogue editor will not save it until fixed
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{count(t.seenIn, "record")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {hidden > 0 ? (
            <button type="button" className="link-button tool-plan-more" onClick={() => setAll(true)} aria-controls="tool-plan-rows" data-testid="tool-plan-more">
              + {count(hidden, "more tool")} below: show all {sorted.length.toLocaleString("en-US")}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

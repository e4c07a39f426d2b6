import type { McpPreviewDto } from "@/lib/schemas/mcp";
import { formatCount } from "@/lib/client/format";
import { JsonDiff } from "./VersionDiff";

export type ConflictChoice = "keep_existing" | "use_imported";
export interface McpChoices {
  decisions: Record<string, ConflictChoice>;
  skip: string[];
}

const ORDER = { conflict: 0, add: 1, same: 2 } as const;
const defJson = (d: { description: string; parameters: unknown }) =>
  JSON.stringify({ description: d.description, parameters: d.parameters }, null, 2);

/** What importing the server's tools would do: new (import or skip), same, conflict (keep ours or take theirs, with the diff), rejected. */
export function McpPlanTable({
  preview,
  choices,
  onChange,
}: {
  preview: McpPreviewDto;
  choices: McpChoices;
  onChange: (c: McpChoices) => void;
}) {
  const rows = [...preview.plan].sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.name.localeCompare(b.name));
  const c = preview.counts;
  const toggleSkip = (name: string, skip: boolean) =>
    onChange({ ...choices, skip: skip ? [...choices.skip, name] : choices.skip.filter((n) => n !== name) });
  return (
    <section className="stack-tight" aria-labelledby="mcp-plan-title" data-testid="mcp-plan">
      <h3 id="mcp-plan-title" className="block-title">
        {preview.sourceLabel}: {formatCount(c.add)} new, {formatCount(c.same)} unchanged, {formatCount(c.conflict)} in conflict,{" "}
        {formatCount(c.rejected)} rejected
      </h3>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Tool</th>
            <th scope="col">Plan</th>
            <th scope="col">Choice</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.name} data-tool={t.name} data-action={t.action}>
              <td>
                <code className="tool-name">{t.name}</code>
              </td>
              <td>
                <span className={`plan-pill plan-${t.action}`}>{t.action === "add" ? "new" : t.action}</span>
                {t.action === "conflict" && t.existing ? (
                  <details className="diff-tool">
                    <summary className="small">What differs</summary>
                    <JsonDiff before={defJson(t.existing)} after={defJson(t.imported)} name={t.name} />
                  </details>
                ) : null}
              </td>
              <td>
                {t.action === "add" ? (
                  <label className="row small">
                    <input
                      type="checkbox"
                      checked={!choices.skip.includes(t.name)}
                      onChange={(e) => toggleSkip(t.name, !e.target.checked)}
                    />
                    Import
                  </label>
                ) : t.action === "conflict" ? (
                  <select
                    aria-label={`Which definition of ${t.name} to keep`}
                    value={choices.decisions[t.name] ?? "keep_existing"}
                    onChange={(e) =>
                      onChange({ ...choices, decisions: { ...choices.decisions, [t.name]: e.target.value as ConflictChoice } })
                    }
                    data-testid={`mcp-decision-${t.name}`}
                  >
                    <option value="keep_existing">Keep ours</option>
                    <option value="use_imported">Take the server&apos;s</option>
                  </select>
                ) : (
                  <span className="muted small">nothing to do</span>
                )}
              </td>
            </tr>
          ))}
          {preview.rejected.map((r, i) => (
            <tr key={`rejected-${i}`} data-tool={r.name} data-action="rejected">
              <td>
                <code className="tool-name">{r.name}</code>
              </td>
              <td colSpan={2}>
                <span className="plan-pill plan-rejected">rejected</span>{" "}
                <span className="small">
                  {r.field ? <code>{r.field}</code> : null}
                  {r.field ? ": " : ""}
                  {r.message}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

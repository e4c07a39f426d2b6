import type { CatalogueImpactDto } from "@/lib/schemas/tool";
import { count, formatCount } from "@/components/imports/labels";

/** "This change will invalidate 14 examples and make 2 valid again", from the server's dry run. */
export function impactSentence(i: CatalogueImpactDto, what = "This change"): string {
  if (i.checked === 0) return `${what} affects no examples: none call the tools it changes.`;
  const parts: string[] = [];
  if (i.newlyInvalid > 0) parts.push(`invalidate ${count(i.newlyInvalid, "example")}`);
  if (i.newlyValid > 0) parts.push(`make ${count(i.newlyValid, "example")} valid again`);
  const of = `of the ${count(i.checked, "example")} that call${i.checked === 1 ? "s" : ""} ${i.byTool.length === 1 ? i.byTool[0].name : "the tools it changes"}`;
  if (parts.length === 0) return `${what} will not change whether any example is valid (${of}).`;
  return `${what} will ${parts.join(" and ")} (${of}).`;
}

export function ImpactNote({ impact, what }: { impact: CatalogueImpactDto; what?: string }) {
  const perTool = impact.byTool.filter((t) => t.newlyInvalid > 0 || t.newlyValid > 0);
  return (
    <div className={`banner ${impact.newlyInvalid > 0 ? "banner-warn" : "banner-info"} impact-note`} role="status" data-testid="impact-note">
      <div className="stack-tight">
        <span>{impactSentence(impact, what)}</span>
        {perTool.length > 1 ? (
          <ul className="small impact-tools">
            {perTool.map((t) => (
              <li key={t.name}>
                <span className="mono">{t.name}</span>: {formatCount(t.newlyInvalid)} invalidated, {formatCount(t.newlyValid)} valid again
              </li>
            ))}
          </ul>
        ) : null}
        {impact.sample.length > 0 ? (
          <span className="small">
            For example {impact.sample.map((n) => `#${n}`).join(", ")}
            {impact.newlyInvalid > impact.sample.length ? "…" : ""}
          </span>
        ) : null}
      </div>
    </div>
  );
}

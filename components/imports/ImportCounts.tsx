import type { ImportJobDto } from "@/lib/schemas/imports";
import { formatCount } from "./labels";

/** The analysis in four numbers (five when plain replies need a reason) (and, once imported, what became of them). */
export function ImportCounts({ job }: { job: ImportJobDto }) {
  const items: { key: string; label: string; n: number; tone?: "danger" | "warn" | "ok" }[] = [
    { key: "records", label: "records", n: job.total },
    { key: "valid", label: "valid", n: job.validCount, tone: job.validCount > 0 ? "ok" : undefined },
    { key: "rejected", label: "rejected", n: job.errorCount, tone: job.errorCount > 0 ? "danger" : undefined },
    { key: "duplicates", label: "duplicates", n: job.duplicateCount, tone: job.duplicateCount > 0 ? "warn" : undefined },
  ];
  if (job.needsReasonCount > 0) items.push({ key: "needs-reason", label: "need a reason", n: job.needsReasonCount, tone: "warn" });
  if (job.status === "done") {
    items.push(
      { key: "imported", label: "imported", n: job.importedCount, tone: "ok" },
      { key: "skipped", label: "skipped", n: job.skippedCount },
    );
  }
  return (
    <dl className="stat-grid" data-testid="import-counts">
      {items.map((i) => (
        <div key={i.key} className={`stat${i.tone ? ` stat-${i.tone}` : ""}`} data-stat={i.key}>
          <dt>{i.label}</dt>
          <dd>{formatCount(i.n)}</dd>
        </div>
      ))}
    </dl>
  );
}

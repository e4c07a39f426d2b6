import type { ImportJobDto } from "@/lib/schemas/imports";
import { importErrorsHref } from "@/lib/queries/imports";
import { count, formatCount } from "./labels";

/** Why records were rejected: counts per kind, the first 200 lines, and the full list as a download. */
export function RejectedLines({ projectId, job }: { projectId: string; job: ImportJobDto }) {
  const kinds = Object.entries(job.errorKinds).sort((a, b) => b[1] - a[1]);
  const shown = job.errorSample.length;
  return (
    <section className="import-block" aria-labelledby={`rejected-${job.id}`}>
      <div className="panel-head">
        <h4 id={`rejected-${job.id}`} className="block-title">
          Rejected: {count(job.errorCount, "record")}
        </h4>
        <a href={importErrorsHref(projectId, job.id)} download className="btn btn-sm" data-testid="import-errors-download">
          Download all rejected lines (.jsonl)
        </a>
      </div>
      <ul className="chips kind-chips" aria-label="Rejected records by kind">
        {kinds.map(([kind, n]) => (
          <li key={kind} className="chip chip-danger" data-kind={kind}>
            <code>{kind}</code> {formatCount(n)}
          </li>
        ))}
      </ul>
      <div className="scroll-box">
        <table className="table table-compact" data-testid="import-errors">
          <caption className="sr-only">Rejected lines{shown < job.errorCount ? ` (first ${shown})` : ""}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Kind</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {job.errorSample.map((e, i) => (
              <tr key={`${e.line}-${i}`}>
                <td className="num">{e.line}</td>
                <td>
                  <code>{e.kind}</code>
                </td>
                <td className="reason">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < job.errorCount ? (
        <p className="hint">
          Showing the first {formatCount(shown)} of {formatCount(job.errorCount)}; the download has them all.
        </p>
      ) : null}
    </section>
  );
}

import type { ImportJobDto } from "@/lib/schemas/imports";
import { count, formatCount } from "./labels";

/** Records that repeat an earlier record of the file, or an example the project already has. */
export function DuplicateSample({ job }: { job: ImportJobDto }) {
  const shown = job.duplicateSample.length;
  return (
    <section className="import-block" aria-labelledby={`dups-${job.id}`}>
      <h4 id={`dups-${job.id}`} className="block-title">
        Duplicates: {count(job.duplicateCount, "record")}
      </h4>
      <p className="hint">
        <em>Exact</em>: the same system prompt and messages. <em>Near</em>: the same user messages once case and spacing are ignored (the
        answers may differ). Skipping duplicates keeps the first.
      </p>
      <div className="scroll-box scroll-box-short">
        <table className="table table-compact" data-testid="import-duplicates">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Repeats</th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {job.duplicateSample.map((d) => (
              <tr key={d.line}>
                <td className="num">{d.line}</td>
                <td>{d.duplicateOf === "existing" ? "an example already in the project" : `line ${d.duplicateOf}`}</td>
                <td>{d.exact ? "exact" : "near"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < job.duplicateCount ? <p className="hint">Showing the first {formatCount(shown)}.</p> : null}
    </section>
  );
}

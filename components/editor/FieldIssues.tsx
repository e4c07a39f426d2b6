import type { Issue } from "@/lib/schemas/common";

/** The issues of one field, right under it. */
export function FieldIssues({ issues, id, local }: { issues: Issue[]; id?: string; local?: string | null }) {
  if (!local && issues.length === 0) return null;
  return (
    <ul className="field-issues" id={id}>
      {local ? <li>{local}</li> : null}
      {(local ? [] : issues).map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}

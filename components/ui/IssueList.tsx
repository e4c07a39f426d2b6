import type { Issue } from "@/lib/schemas/common";

/** Problems, each with the place it is about (a field path) in code type. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  return (
    <ul>
      {issues.map((i, n) => (
        <li key={n}>
          {i.path ? <code>{i.path}</code> : null} {i.message}
        </li>
      ))}
    </ul>
  );
}

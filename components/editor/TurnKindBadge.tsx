import type { TurnKind } from "@/lib/decision-roles";

/** Whether an assistant turn routes (replies to the user) or follows up a tool result. */
export function TurnKindBadge({ kind }: { kind: TurnKind }) {
  return (
    <span className={`turn-kind turn-kind-${kind.role}`} data-testid="turn-kind" data-kind={kind.role} title={kind.hint}>
      {kind.label}
    </span>
  );
}

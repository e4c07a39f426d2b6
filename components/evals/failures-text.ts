// Words of the report's failures panel. Pure, so they are unit-tested.
import { formatCount } from "@/lib/client/format";
import type { AddFailuresResultDto } from "@/lib/schemas/eval-failures";

/** "Added 12 train examples; 3 were already in the project." */
export function addedText(r: AddFailuresResultDto): string {
  const made = `Added ${formatCount(r.created)} train example${r.created === 1 ? "" : "s"} with the gold decision`;
  return r.skipped > 0
    ? `${made}; ${formatCount(r.skipped)} ${r.skipped === 1 ? "was" : "were"} already in the project and skipped.`
    : `${made}.`;
}

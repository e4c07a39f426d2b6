// The Data tab's step indicator (Import → Split → Health → Export), worked out from the project's
// counts alone. Pure, so each step's rule is unit-tested.
import type { ProjectStatsDto } from "@/lib/schemas/stats";
import { count } from "@/components/imports/labels";

export type StepState = "done" | "next" | "todo";
export interface DataStep {
  id: "import" | "split" | "health" | "export";
  label: string;
  state: StepState;
  /** One line on where the step stands. */
  detail: string;
}

export function dataSteps(stats: Pick<ProjectStatsDto, "totals" | "perSplit"> | undefined): DataStep[] {
  const t = stats?.totals;
  const s = stats?.perSplit;
  const labelled = t ? t.labelled + t.reviewed : 0;
  const imported = (t?.examples ?? 0) > 0;
  const waiting = s?.unassigned.decisions ?? 0;
  const inTrain = s?.train.decisions ?? 0;
  const split = inTrain > 0 && waiting === 0;
  const problems = t ? t.invalid + t.needsReason : 0;
  const healthy = labelled > 0 && problems === 0;
  const steps: Omit<DataStep, "state">[] = [
    { id: "import", label: "Import", detail: imported ? `${count(t!.examples, "example")} in the project` : "no examples yet" },
    {
      id: "split",
      label: "Split",
      detail: split ? "every labelled example is in a split" : inTrain > 0 ? `${count(waiting, "labelled decision")} not in a split yet` : "train, validation and gold to make",
    },
    { id: "health", label: "Health", detail: !t || labelled === 0 ? "nothing labelled to check" : healthy ? "no invalid examples" : `${count(problems, "example")} to fix` },
    { id: "export", label: "Export", detail: inTrain > 0 ? "train data ready to download" : "after the split" },
  ];
  const done = [imported, split, healthy, false];
  const next = done.indexOf(false);
  return steps.map((step, i) => ({ ...step, state: done[i] ? "done" : i === next ? "next" : "todo" }));
}

// The project's agreement on routing decisions, from every second review (lib/reviews/README.md).
import { cohenKappa, routingCategory, type Pair } from "../../reviews/agreement";
import { SPLITS, type Split } from "../../schemas/common";
import type { AgreementDto, DisagreementDto } from "../../schemas/review";
import { authorLabels } from "../authors";
import { db } from "../db";
import { parseMessages } from "../examples/dto";
import { requireProject } from "../projects/projects";

const LISTED = 200;
/** Ids per `in (...)`: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

export async function projectAgreement(projectId: string): Promise<AgreementDto> {
  await requireProject(projectId);
  const reviews = await db().secondReview.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      exampleId: true,
      reviewerId: true,
      labellerId: true,
      choice: true,
      label: true,
      agree: true,
      createdAt: true,
      exampleVersion: true,
      example: { select: { number: true, split: true, version: true } },
    },
  });
  const perSplit = new Map<Split, Pair[]>(SPLITS.map((s) => [s, []]));
  for (const r of reviews) perSplit.get(r.example.split as Split)?.push({ label: r.label, choice: r.choice });
  const bySplit = Object.fromEntries(SPLITS.map((s) => [s, cohenKappa(perSplit.get(s)!)])) as AgreementDto["bySplit"];

  const disputed = reviews.filter((r) => !r.agree);
  // Open while the example still carries the label the reviewer disputed; any other label now means
  // someone resolved it. An example not saved since the review still has it: only the others are read.
  const changed = disputed.filter((r) => r.example.version !== r.exampleVersion);
  const now = await currentCategories([...new Set(changed.map((r) => r.exampleId))]);
  const open = disputed.filter((r) => r.example.version === r.exampleVersion || now.get(r.exampleId) === r.label);
  const listed = open.slice(0, LISTED);
  const names = await authorLabels(listed.flatMap((r) => [r.reviewerId, r.labellerId]));
  const disagreements: DisagreementDto[] = listed.map((r) => ({
    reviewId: r.id,
    exampleId: r.exampleId,
    number: r.example.number,
    split: r.example.split as Split,
    label: r.label,
    choice: r.choice,
    labelledBy: r.labellerId ? (names.get(r.labellerId) ?? null) : null,
    reviewer: names.get(r.reviewerId) ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
  return {
    overall: cohenKappa(reviews.map((r) => ({ label: r.label, choice: r.choice }))),
    bySplit,
    disagreements,
    openDisagreements: open.length,
    resolvedDisagreements: disputed.length - open.length,
  };
}

/** The category of each example's final routing decision now. */
async function currentCategories(ids: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db().example.findMany({ where: { id: { in: ids.slice(i, i + CHUNK) } }, select: { id: true, messages: true } });
    for (const r of rows) out.set(r.id, routingCategory(parseMessages(r.messages)));
  }
  return out;
}
